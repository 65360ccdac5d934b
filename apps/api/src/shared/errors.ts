/**
 * The error catalogue: every failure a client can see has a status and a stable snake_case code.
 * Services throw these; the one error handler (shared/error-handler.ts) renders them.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const Errors = {
  badRequest: (message: string, code = 'bad_request') => new AppError(400, code, message),
  unauthorized: (message = 'Authentication required.', code = 'unauthorized') =>
    new AppError(401, code, message),
  invalidCredentials: () => new AppError(401, 'invalid_credentials', 'The login details are not correct.'),
  forbidden: (message = 'This token cannot use this resource.') => new AppError(403, 'forbidden', message),
  notFound: (what = 'Resource') => new AppError(404, 'not_found', `${what} not found.`),
  conflict: (code: string, message: string, details?: unknown[]) => new AppError(409, code, message, details),
  validation: (message: string, details?: unknown[], code = 'validation_failed') =>
    new AppError(422, code, message, details),
  locked: (retryAfterSec: number) =>
    new AppError(423, 'account_locked', 'Too many failed logins. Try again later.', undefined, {
      'retry-after': String(retryAfterSec),
    }),
  tooManyRequests: (retryAfterSec: number, message = 'Too many requests. Try again later.') =>
    new AppError(429, 'too_many_requests', message, undefined, { 'retry-after': String(retryAfterSec) }),
  unavailable: (message = 'A dependency is unavailable. Try again shortly.', retryAfterSec = 5) =>
    new AppError(503, 'service_unavailable', message, undefined, { 'retry-after': String(retryAfterSec) }),
};
