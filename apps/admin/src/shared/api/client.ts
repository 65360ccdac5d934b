import type { ErrorBody } from '@table-order/contracts';
import { isErrorCode, type ErrorCode } from '@table-order/contracts/constants';

/** API base path; the dashboard is served by the same origin as the API. */
export const API_BASE = '/api/v1';

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The code of a failed call: the API's error code, `network_error` when no answer came, `http_<status>`
 * when the answer was not the API's error shape (a proxy's page).
 */
export type ApiErrorCode = ErrorCode | 'network_error' | `http_${number}`;

/** A failed API call: the HTTP status, the API's snake_case code and field details (422). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: FieldError[] = [],
    /** Seconds from the Retry-After header (423, 429, 503), if any. */
    readonly retryAfterSec: number | null = null,
    /** A failed login's tries left before the account locks (from the third failure on). */
    readonly remainingAttempts: number | null = null,
    /** The body's `details` as sent (e.g. the items a 409 names), for errors whose details are not fields. */
    readonly rawDetails: unknown[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field errors keyed by their top-level field name (`items.0.quantity` → `items`). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const d of this.details) {
      const key = d.field.split('.')[0] ?? d.field;
      out[key] ??= d.message;
    }
    return out;
  }
}

interface AuthHooks {
  token: () => string | null;
  /** Called when an authenticated call answers 401: the session is over. */
  onUnauthorized: () => void;
}

let auth: AuthHooks = { token: () => null, onUnauthorized: () => undefined };

/** Wires the client to the session (done once by the auth provider). */
export function configureApiAuth(hooks: AuthHooks): void {
  auth = hooks;
}

/** The current bearer token, for requests made outside `apiRequest` (the event stream). */
export function currentToken(): string | null {
  return auth.token();
}

/** Tells the session that the server refused its token. */
export function reportUnauthorized(): void {
  auth.onUnauthorized();
}

function parseDetails(details: unknown[] | undefined): FieldError[] {
  if (!details) return [];
  return details.flatMap((d) => {
    if (typeof d !== 'object' || d === null) return [];
    const { field, message } = d as { field?: unknown; message?: unknown };
    return typeof field === 'string' && typeof message === 'string' ? [{ field, message }] : [];
  });
}

/** `details: [{remainingAttempts}]` of a failed login, or null. */
function parseRemainingAttempts(details: unknown[] | undefined): number | null {
  const first: unknown = details?.[0];
  if (typeof first !== 'object' || first === null) return null;
  const n = (first as { remainingAttempts?: unknown }).remainingAttempts;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : null;
}

/** Reads Retry-After (seconds or an HTTP date) as seconds. */
function retryAfterSeconds(header: string | null): number | null {
  if (!header) return null;
  const n = Number(header);
  if (Number.isFinite(n)) return Math.max(0, Math.ceil(n));
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

export interface RequestOptions {
  body?: unknown;
  form?: FormData;
  query?: Record<string, string | number | undefined>;
  signal?: AbortSignal;
  /** Send no token and do not end the session on 401 (login). */
  anonymous?: boolean;
}

/** One JSON call to the API with the session's bearer token; throws ApiError on any failure. */
export async function apiRequest<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = opts.anonymous ? null : auth.token();
  if (token) headers.authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {}))
    if (v !== undefined && v !== '') search.set(k, String(v));
  const qs = search.size > 0 ? `?${search.toString()}` : '';

  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}${qs}`, {
      method,
      headers,
      body,
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'network_error', 'network error');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!res.ok) {
    const e = (json ?? {}) as Partial<ErrorBody>;
    const error = new ApiError(
      res.status,
      isErrorCode(e.error) ? e.error : `http_${res.status}`,
      typeof e.message === 'string' ? e.message : res.statusText,
      parseDetails(e.details),
      retryAfterSeconds(res.headers.get('retry-after')),
      parseRemainingAttempts(e.details),
      Array.isArray(e.details) ? e.details : [],
    );
    if (res.status === 401 && !opts.anonymous) auth.onUnauthorized();
    throw error;
  }
  return json as T;
}
