// A small HTTP client over fetch for the suites that talk to real server processes.
import { fetch, type Dispatcher, type Headers } from 'undici';

export interface HttpResult {
  status: number;
  headers: Headers;
  text: string;
  /** Wall time from sending to the end of the body, in ms. */
  ms: number;
  json<T = any>(): T;
}

export interface HttpOptions {
  token?: string;
  /** Sent as JSON (with its content type). */
  body?: unknown;
  /** Sent as is (no content type added). */
  rawBody?: string;
  headers?: Record<string, string>;
  /** Aborts after this many ms (the call then rejects). */
  timeoutMs?: number;
  dispatcher?: Dispatcher;
}

export async function http(
  base: string,
  method: string,
  path: string,
  opts: HttpOptions = {},
): Promise<HttpResult> {
  const t0 = performance.now();
  const init: Parameters<typeof fetch>[1] = {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...opts.headers,
    },
    ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
    ...(opts.rawBody === undefined ? {} : { body: opts.rawBody }),
    ...(opts.timeoutMs ? { signal: AbortSignal.timeout(opts.timeoutMs) } : {}),
    ...(opts.dispatcher ? { dispatcher: opts.dispatcher } : {}),
  };
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    ms: performance.now() - t0,
    json: <T>() => JSON.parse(text) as T,
  };
}

export async function adminLogin(
  base: string,
  storeIdentifier: string,
  username: string,
  password: string,
): Promise<string> {
  const r = await http(base, 'POST', '/api/v1/auth/admin/login', {
    body: { storeIdentifier, username, password },
  });
  if (r.status !== 200) throw new Error(`admin login failed: ${r.status} ${r.text}`);
  return r.json<{ accessToken: string }>().accessToken;
}

export async function tableLogin(
  base: string,
  storeIdentifier: string,
  tableNumber: number,
  password: string,
): Promise<string> {
  const r = await http(base, 'POST', '/api/v1/auth/table/login', {
    body: { storeIdentifier, tableNumber, password },
  });
  if (r.status !== 200) throw new Error(`table login failed: ${r.status} ${r.text}`);
  return r.json<{ accessToken: string }>().accessToken;
}

/** The one error shape: `{error: snake_case, message: string, details?: array}` and nothing else. */
export function errorShapeProblem(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `not JSON: ${text.slice(0, 120)}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'not an object';
  const b = body as Record<string, unknown>;
  if (typeof b.error !== 'string' || !/^[a-z0-9_]+$/.test(b.error)) return 'error is not a snake_case code';
  if (typeof b.message !== 'string' || b.message === '') return 'message is not a string';
  if ('details' in b && !Array.isArray(b.details)) return 'details is not an array';
  const extra = Object.keys(b).filter((k) => !['error', 'message', 'details'].includes(k));
  if (extra.length > 0) return `extra keys ${extra.join(',')}`;
  return undefined;
}

/** Percentile (0–100) of a list of numbers, nearest rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export const round = (n: number, digits = 0) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
