// A small JSON client for setting scenarios up through the real API (the shared HTTP client; not on any
// measured path).
import { http } from '../../tests/support/http.js';

class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body.slice(0, 300)}`);
  }
}

/** One JSON call; throws ApiError unless the status is 2xx. */
export async function call<T>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  const r = await http(baseUrl, method, path, opts);
  if (r.status < 200 || r.status >= 300) throw new ApiError(r.status, r.text, `${method} ${path}`);
  return (r.text ? JSON.parse(r.text) : undefined) as T;
}
