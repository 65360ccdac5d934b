import type { ErrorCode } from '@table-order/contracts/constants';

/**
 * A failure a client can see: an HTTP status and one of the typed error codes. Services throw these
 * (made by the factories in `Errors`); the one error handler (shared/error-handler.ts) renders them.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** Why an order line's options were refused (422 `invalid_options`). */
export interface OptionProblem {
  field: 'items';
  /** Index of the line in the request. */
  line: number;
  menuItemId: number;
  reason: 'unknown_option' | 'duplicate_option' | 'too_few' | 'too_many' | 'negative_price';
  optionId?: number;
  optionGroupId?: number;
  groupName?: string;
  message: string;
}

const retryAfter = (seconds: number) => ({ 'retry-after': String(seconds) });

/** `table_idle` → `tableIdle`: the factory name of a code. */
type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/**
 * The error catalogue: one factory per error code (named after it), fixing its status and code; the
 * message has a default and may be given. The `satisfies` clause keeps it complete: adding a code to
 * `ERROR_CODES` (contracts/constants.ts) without a factory here does not compile.
 */
export const Errors = {
  // 400
  badRequest: (message = 'The request is not valid.') => new AppError(400, 'bad_request', message),
  malformedJson: (message = 'The request body is not valid JSON.') =>
    new AppError(400, 'malformed_json', message),
  malformedMultipart: (message = 'The multipart body is malformed.') =>
    new AppError(400, 'malformed_multipart', message),

  // 401
  unauthorized: (message = 'Authentication required.') => new AppError(401, 'unauthorized', message),
  invalidToken: (message = 'The access token is invalid or expired.') =>
    new AppError(401, 'invalid_token', message),
  tokenRevoked: (message = 'This table token has been revoked. Log in again.') =>
    new AppError(401, 'token_revoked', message),
  /** `remainingAttempts` (from the third failure on): `details` is `[{remainingAttempts}]`. */
  invalidCredentials: (remainingAttempts?: number, message = 'The login details are not correct.') =>
    new AppError(
      401,
      'invalid_credentials',
      message,
      remainingAttempts === undefined ? undefined : [{ remainingAttempts }],
    ),

  // 403
  forbidden: (message = 'This token cannot use this resource.') => new AppError(403, 'forbidden', message),

  // 404
  notFound: (what = 'Resource', message = `${what} not found.`) => new AppError(404, 'not_found', message),

  // 408
  requestTimeout: (message = 'The request was not received in time.') =>
    new AppError(408, 'request_timeout', message),

  // 409
  conflict: (message = 'This conflicts with an existing resource.') => new AppError(409, 'conflict', message),
  tableNumberTaken: (tableNumber: number, message = `Table ${tableNumber} already exists.`) =>
    new AppError(409, 'table_number_taken', message),
  tableHasOpenSession: (
    tableNumber: number,
    message = `Table ${tableNumber} has an open session. Check it out first.`,
  ) => new AppError(409, 'table_has_open_session', message),
  tableIdle: (tableNumber: number, message = `Table ${tableNumber} has no open session.`) =>
    new AppError(409, 'table_idle', message),
  categoryNameTaken: (name: string, message = `A category named "${name}" already exists.`) =>
    new AppError(409, 'category_name_taken', message),
  categoryNotEmpty: (
    name: string,
    message = `Category "${name}" still has menu items. Move or delete them first.`,
  ) => new AppError(409, 'category_not_empty', message),
  /** `details`: one `{menuItemId, name, reason: 'deleted' | 'sold_out'}` per refused item. */
  menuItemsUnavailable: (
    items: { menuItemId: number; name: string; reason: 'deleted' | 'sold_out' }[],
    message = `Not available: ${items.map((i) => i.name).join(', ')}`,
  ) => new AppError(409, 'menu_items_unavailable', message, items),
  /** `details`: one `{menuItemId, name, optionId, optionName}` per sold-out option chosen. */
  optionsUnavailable: (
    options: { menuItemId: number; name: string; optionId: number; optionName: string }[],
    message = `Sold out: ${options.map((o) => `${o.name} (${o.optionName})`).join(', ')}`,
  ) => new AppError(409, 'options_unavailable', message, options),
  optionGroupNameTaken: (name: string, message = `An option group named "${name}" already exists.`) =>
    new AppError(409, 'option_group_name_taken', message),
  /** `details`: one `{menuItemId, name}` per live menu item that offers the group. */
  optionGroupInUse: (
    name: string,
    items: { menuItemId: number; name: string }[],
    message = `Option group "${name}" is used by: ${items.map((i) => i.name).join(', ')}. Remove it from them first.`,
  ) => new AppError(409, 'option_group_in_use', message, items),
  invalidStatusTransition: (
    from: string,
    to: string,
    message = `An order cannot go back from ${from} to ${to}.`,
  ) => new AppError(409, 'invalid_status_transition', message),
  sessionClosed: (message = 'This order belongs to a checked-out session and cannot be deleted.') =>
    new AppError(409, 'session_closed', message),
  lastOwner: (message = 'The store needs at least one owner account: make another account an owner first.') =>
    new AppError(409, 'last_owner', message),
  usernameTaken: (username: string, message = `An account "${username}" already exists.`) =>
    new AppError(409, 'username_taken', message),
  noPrinter: (message = 'No enabled printer would print this: add or enable one first.') =>
    new AppError(409, 'no_printer', message),

  // 413
  payloadTooLarge: (message = 'The request body is too large.') =>
    new AppError(413, 'payload_too_large', message),

  // 415
  unsupportedMediaType: (message = 'This content type is not accepted.') =>
    new AppError(415, 'unsupported_media_type', message),
  unsupportedImage: (message = 'Upload a JPEG, PNG or WebP image (recognised by its content).') =>
    new AppError(415, 'unsupported_image', message),

  // 422
  validationFailed: (message: string, details?: unknown[]) =>
    new AppError(422, 'validation_failed', message, details),
  unknownMenuItem: (menuItemIds: number[], message = 'Some menu items do not exist.') =>
    new AppError(
      422,
      'unknown_menu_item',
      message,
      menuItemIds.map((id) => ({ field: 'items', menuItemId: id, message: 'unknown menu item' })),
    ),
  unknownCategory: (message = 'The category does not exist.') =>
    new AppError(422, 'unknown_category', message, [{ field: 'categoryId', message: 'unknown category' }]),
  unknownOptionGroup: (groupIds: number[], message = 'Some option groups do not exist.') =>
    new AppError(
      422,
      'unknown_option_group',
      message,
      groupIds.map((id) => ({ field: 'optionGroupIds', optionGroupId: id, message: 'unknown option group' })),
    ),
  /** `details`: one problem per line and group or option (`reason` says which rule). */
  invalidOptions: (problems: OptionProblem[], message = 'The chosen options are not valid.') =>
    new AppError(422, 'invalid_options', message, problems),
  unknownImage: (message = 'The image does not exist. Upload it first.') =>
    new AppError(422, 'unknown_image', message, [{ field: 'imageKey', message: 'unknown image' }]),
  idempotencyKeyReused: (message = 'This Idempotency-Key was already used for a different order.') =>
    new AppError(422, 'idempotency_key_reused', message),
  invalidImage: (message = 'The image file is damaged or incomplete.') =>
    new AppError(422, 'invalid_image', message),
  imageTooLarge: (
    maxPixels: number,
    message = `The picture has too many pixels (at most ${maxPixels / 1_000_000} megapixels).`,
  ) => new AppError(422, 'image_too_large', message),

  // 423
  accountLocked: (retryAfterSec: number, message = 'Too many failed logins. Try again later.') =>
    new AppError(423, 'account_locked', message, undefined, retryAfter(retryAfterSec)),

  // 429
  tooManyRequests: (retryAfterSec: number, message = 'Too many requests. Try again later.') =>
    new AppError(429, 'too_many_requests', message, undefined, retryAfter(retryAfterSec)),

  // 431
  headersTooLarge: (message = 'The request line and headers are too large.') =>
    new AppError(431, 'headers_too_large', message),

  // 500
  internalError: (message = 'Something went wrong on our side.') =>
    new AppError(500, 'internal_error', message),

  // 503
  serviceUnavailable: (message = 'A dependency is unavailable. Try again shortly.', retryAfterSec = 5) =>
    new AppError(503, 'service_unavailable', message, undefined, retryAfter(retryAfterSec)),
} satisfies { [C in ErrorCode as CamelCase<C>]: (...args: never[]) => AppError };
