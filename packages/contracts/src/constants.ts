// Codes and limits shared by the API and both apps. No zod here: the apps import this at run time as
// `@table-order/contracts/constants`; the zod schemas of this package build on these values.

/** Every `error` code an API error body can carry (`{error, message, details?}`). */
export const ERROR_CODES = [
  // 400
  'bad_request',
  'malformed_json',
  'malformed_multipart',
  // 401
  'unauthorized',
  'invalid_token',
  'token_revoked',
  'invalid_credentials',
  // 403
  'forbidden',
  // 404
  'not_found',
  // 408
  'request_timeout',
  // 409
  'conflict',
  'table_number_taken',
  'table_has_open_session',
  'table_idle',
  'category_name_taken',
  'category_not_empty',
  'menu_items_unavailable',
  'options_unavailable',
  'option_group_name_taken',
  'option_group_in_use',
  'invalid_status_transition',
  'session_closed',
  'last_owner',
  'username_taken',
  'no_printer',
  // 413
  'payload_too_large',
  // 415
  'unsupported_media_type',
  'unsupported_image',
  // 422
  'validation_failed',
  'unknown_menu_item',
  'unknown_category',
  'unknown_option_group',
  'invalid_options',
  'unknown_image',
  'idempotency_key_reused',
  'invalid_image',
  'image_too_large',
  // 423
  'account_locked',
  // 429
  'too_many_requests',
  // 431
  'headers_too_large',
  // 500
  'internal_error',
  // 503
  'service_unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);
/** True when `value` is one of the API's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && ERROR_CODE_SET.has(value);
}

/**
 * Roles of an admin account: an owner may do everything; staff run service (the board, statuses, order
 * delete, checkout, history, calls, the sold-out switch) and read the menu, tables and settings.
 */
export const ADMIN_ROLES = ['owner', 'staff'] as const;

/**
 * What an order's audit trail records: `created` (by the table), each status it was moved to, `deleted`
 * and `checked_out` (by an admin account), and the table operations `moved`, `merged`, `amended`.
 */
export const AUDIT_ACTIONS = [
  'created',
  'preparing',
  'completed',
  'deleted',
  'checked_out',
  // Table operations (SPEC 12): the session moved to another table, the order merged into another
  // table's session, lines of the order cancelled.
  'moved',
  'merged',
  'amended',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Order statuses in their forward order: an order only moves later in this list (skipping is allowed). */
export const ORDER_STATUSES = ['pending', 'preparing', 'completed'] as const;
type Status = (typeof ORDER_STATUSES)[number];

/** True when `to` comes after `from`: the only status changes the API accepts. */
export function isForwardStatus(from: Status, to: Status): boolean {
  return ORDER_STATUSES.indexOf(to) > ORDER_STATUSES.indexOf(from);
}

/** Names of the recorded live events (`event:` of the streams). */
export const EVENT_TYPES = [
  'order.created',
  'order.updated',
  'order.deleted',
  'table.checked_out',
  'menu.changed',
  'call.created',
  'call.acknowledged',
  'store.changed',
  'table.moved',
  'table.merged',
  'order.amended',
  // Admin streams only (no table id, not store-wide): a ticket printer's state changed (SPEC 15).
  'printer.state',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Control event of the live streams: the client's Last-Event-ID can no longer be replayed (purged, from
 * a reset database, or malformed). Its `id:` is the new cursor; reload the snapshot, then keep reading.
 */
export const RESYNC_EVENT = 'resync';

/** Lines in one order. */
export const ORDER_LINES_MAX = 30;
/** Quantity of one order line (at least 1). */
export const ORDER_QUANTITY_MAX = 99;
/** Characters in an order's request note. */
export const ORDER_NOTE_MAX = 200;

/** Highest menu price, in won (prices are whole won, at least 0). */
export const PRICE_MAX = 10_000_000;
/** Characters in a category name (at least 1 after trimming). */
export const CATEGORY_NAME_MAX = 50;
/** Characters in a menu item name (at least 1 after trimming). */
export const ITEM_NAME_MAX = 100;
/** Characters in a menu item description. */
export const DESCRIPTION_MAX = 500;

/** Failed logins of one account (store+username or store+table) that lock it. */
export const LOGIN_MAX_FAILURES = 5;
/** How long such a lock lasts, in minutes. */
export const LOGIN_LOCK_MINUTES = 15;
/** From this many failures on, a failed login says how many tries remain (`details[0].remainingAttempts`). */
export const LOGIN_WARN_AFTER_FAILURES = 3;

/** Characters a device credential may have in a request (ours are 43: 32 random bytes, base64url). */
export const DEVICE_CREDENTIAL_MAX = 200;
/** Minutes a replaced device credential still works (the answer that replaced it may have been lost). */
export const DEVICE_CREDENTIAL_GRACE_MINUTES = 10;
/** Characters in an option group's name and in an option's name (at least 1 after trimming). */
export const OPTION_NAME_MAX = 50;
/** Options in one option group (at least 1). */
export const OPTIONS_PER_GROUP_MAX = 30;
/** Highest `minSelect` and `maxSelect` of an option group (`maxSelect` at least 1). */
export const OPTION_SELECT_MAX = 10;
/** Largest price change of one option, either way, in won. */
export const PRICE_DELTA_MAX = 1_000_000;
/** Option groups on one menu item. */
export const ITEM_OPTION_GROUPS_MAX = 10;

/** Table numbers run from 1 to this. */
export const TABLE_NUMBER_MAX = 999;
export const TABLE_PASSWORD_MIN = 4;
export const TABLE_PASSWORD_MAX = 32;
export const ADMIN_PASSWORD_MIN = 8;
export const ADMIN_PASSWORD_MAX = 128;

export const STORE_IDENTIFIER_MAX = 30;
export const USERNAME_MAX = 30;
/** A store's login identifier: lowercase letters, digits and -, 3-30 characters. */
export const STORE_IDENTIFIER_RE = new RegExp(`^[a-z0-9-]{3,${STORE_IDENTIFIER_MAX}}$`);
/** An admin username: lowercase letters, digits and _ . -, 2-30 characters. */
export const USERNAME_RE = new RegExp(`^[a-z0-9_.-]{2,${USERNAME_MAX}}$`);
/** The Idempotency-Key header: letters, digits and _ . : -, 8-100 characters. */
export const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,100}$/;

/** Staff-call statuses: open until staff acknowledge it; checkout closes what is still open. */
export const CALL_STATUSES = ['open', 'acknowledged', 'closed'] as const;
/** Call reasons a store offers until its owner sets its own. */
export const DEFAULT_CALL_REASONS = ['물', '물티슈', '앞접시', '수저·젓가락', '직원 호출'] as const;
/** Call reasons a store offers (at least 1). */
export const CALL_REASONS_MAX = 12;
/** Characters in one call reason or request chip (at least 1 after trimming). */
export const CALL_REASON_MAX = 20;
/** Characters in a staff call's optional message. */
export const CALL_MESSAGE_MAX = 100;
/** A table's open calls; one more is refused (429) until staff acknowledge some. */
export const CALLS_OPEN_MAX = 3;
/** Calls one table may make in `CALLS_WINDOW_MS`; refused attempts do not count. */
export const CALLS_PER_WINDOW_MAX = 10;
export const CALLS_WINDOW_MS = 60_000;
/** One-tap request chips on the tablet's review screen (they append to the note). */
export const REQUEST_CHIPS_MAX = 8;
/** Characters in a store name (at least 1 after trimming). */
export const STORE_NAME_MAX = 50;
/** Languages a store's menu may offer; Korean is always the first (and default). */
export const MENU_LANGUAGES = ['ko', 'en', 'ja', 'zh'] as const;
/** The menu languages a text may be translated into (Korean is the text itself). */
export const TRANSLATION_LANGUAGES = ['en', 'ja', 'zh'] as const;
/** The tablet's idle timeout: 0 (off) or between these bounds, in seconds. */
export const IDLE_TIMEOUT_MIN = 30;
export const IDLE_TIMEOUT_MAX = 3600;
/** Bytes in one menu photo upload; the dashboard refuses a larger file before sending it (the API answers 413). */
export const IMAGE_UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Kitchen display: a ticket's timer turns amber, then red, after these minutes (each 1–KITCHEN_MINUTES_MAX, amber below red). */
export const KITCHEN_AMBER_DEFAULT = 10;
export const KITCHEN_RED_DEFAULT = 20;
export const KITCHEN_MINUTES_MAX = 240;

/** What a ticket printer does (SPEC 15): kitchen tickets per category, or the bill at checkout. */
export const PRINTER_ROLES = ['kitchen', 'receipt'] as const;
/** Paper widths in millimetres; a 58 mm roll takes 32 columns, 80 mm 48 (a Korean character takes 2). */
export const PRINTER_PAPER_WIDTHS = [58, 80] as const;
/** Characters in a printer's name. */
export const PRINTER_NAME_MAX = 50;
/** Characters in a printer's host (a DNS name's limit). */
export const PRINTER_HOST_MAX = 253;
/** Printers one store may configure. */
export const PRINTERS_PER_STORE_MAX = 20;
/** Categories one printer may be limited to. */
export const PRINTER_CATEGORIES_MAX = 100;
/** The raw TCP port of network receipt printers ("JetDirect"). */
export const PRINTER_DEFAULT_PORT = 9100;
/** Most store days one sales report or CSV export may span (SPEC 13: a leap year; beyond is 422). */
export const SALES_REPORT_MAX_DAYS = 366;
