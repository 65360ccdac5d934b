import type { TableLoginBody, TableLoginResponse, TableRefreshBody } from '@table-order/contracts';
import type { DeviceSettings, SessionInfo } from '../device';
import { ApiError, NetworkError, toApiError } from './errors';

const API = '/api/v1';
const REQUEST_TIMEOUT_MS = 15_000;

/** A table login's answer as the tablet keeps it: the session, and the device credential apart. */
export interface TableLogin {
  session: SessionInfo;
  deviceCredential: string;
}

async function postLogin(
  path: '/auth/table/login' | '/auth/table/refresh',
  body: TableLoginBody | TableRefreshBody,
  fetchFn: typeof fetch,
): Promise<TableLogin> {
  let res: Response;
  try {
    res = await fetchFn(`${API}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch {
    throw new NetworkError();
  }
  if (!res.ok) throw await toApiError(res);
  const { accessToken, expiresAt, store, table, deviceCredential } = (await res.json()) as TableLoginResponse;
  return { session: { accessToken, expiresAt, store, table }, deviceCredential };
}

/** Logs a table in with its password (setup, staff); throws ApiError or NetworkError. */
export function loginTable(body: TableLoginBody, fetchFn: typeof fetch = fetch): Promise<TableLogin> {
  return postLogin('/auth/table/login', body, fetchFn);
}

/** Logs a table in again with the device credential; the answer carries the next one. */
export function refreshTable(body: TableRefreshBody, fetchFn: typeof fetch = fetch): Promise<TableLogin> {
  return postLogin('/auth/table/refresh', body, fetchFn);
}

export interface TableSessionDeps {
  fetch?: typeof fetch;
  now?: () => number;
  /** Called with each new login (and null when it is dropped) so it survives a reload. */
  persist?: (info: SessionInfo | null) => void;
  /** Called with the device settings whenever a login gives a new device credential. */
  saveDevice?: (device: DeviceSettings) => void;
}

export interface JsonRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Gives up waiting for the answer after this long (NetworkError); default 15 s. */
  timeoutMs?: number;
  /** Sees the raw response before its body is read (headers such as ETag). */
  onResponse?: (res: Response) => void;
  /**
   * The answer to this same request, already on its way (the menu the inline bootstrap asked for before
   * the app started), with the token it carried: used instead of sending, treated like a sent request's
   * answer (a 401 logs in again and repeats it); when it failed (null), the request is sent after all.
   */
  prefetched?: { response: Promise<Response | null>; token: string } | undefined;
}

/**
 * The tablet's authenticated connection to the API. It logs in with the saved device settings whenever it
 * has no token, the token has expired, or the API rejects it (401), then repeats the request once: guests
 * never see a login. Logins are single-flight, so a burst of rejected requests causes one login.
 * A login uses the device credential (`/auth/table/refresh`) and saves the new one it answers; a tablet
 * that still holds a password from an earlier release logs in with it once, then keeps the credential.
 */
export class TableSession {
  private info: SessionInfo | null;
  private pendingLogin: Promise<SessionInfo> | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly persist: (info: SessionInfo | null) => void;
  private readonly saveDevice: (device: DeviceSettings) => void;
  private settings: DeviceSettings;
  /** Set when the saved settings no longer log in (password changed, table deleted, device reset). */
  credentialsRejected: ApiError | null = null;

  constructor(device: DeviceSettings, saved: SessionInfo | null, deps: TableSessionDeps = {}) {
    this.settings = device;
    const sameTable =
      saved?.store.identifier === device.storeIdentifier && saved.table.number === device.tableNumber;
    this.info = sameTable ? saved : null;
    this.fetchFn = deps.fetch ?? ((input, init) => fetch(input, init));
    this.now = deps.now ?? Date.now;
    this.persist = deps.persist ?? (() => undefined);
    this.saveDevice = deps.saveDevice ?? (() => undefined);
  }

  /** The device's store and table (and current credential). */
  get device(): DeviceSettings {
    return this.settings;
  }

  /** The current login (store name, time zone, table), or null before the first one. */
  get current(): SessionInfo | null {
    return this.info;
  }

  /** Subscribes to login changes and credential rejection; returns the unsubscribe function. */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  /** A token that has not expired by the local clock, logging in when needed. */
  async token(): Promise<string> {
    const info = this.info;
    if (info && Date.parse(info.expiresAt) > this.now()) return info.accessToken;
    return (await this.login()).accessToken;
  }

  /** Logs in with the device settings (one login at a time). */
  login(): Promise<SessionInfo> {
    const { storeIdentifier, tableNumber, deviceCredential, password } = this.settings;
    this.pendingLogin ??= (
      deviceCredential
        ? refreshTable({ storeIdentifier, tableNumber, deviceCredential }, this.fetchFn)
        : loginTable({ storeIdentifier, tableNumber, password: password ?? '' }, this.fetchFn)
    )
      .then((answer) => this.adopt(answer))
      .catch((err: unknown) => {
        if (err instanceof ApiError && (err.status === 401 || err.status === 404)) {
          this.credentialsRejected = err;
          this.emit();
        }
        throw err;
      })
      .finally(() => {
        this.pendingLogin = null;
      });
    return this.pendingLogin;
  }

  /**
   * Checks the table password with the API (the staff screen): a real login, so wrong guesses count
   * toward the table's lock like any other. On success the tablet also keeps the new login.
   */
  async verifyPassword(password: string): Promise<void> {
    const { storeIdentifier, tableNumber } = this.settings;
    this.adopt(await loginTable({ storeIdentifier, tableNumber, password }, this.fetchFn));
  }

  /** Keeps a login: the new device credential first (the one used expires soon), then the session. */
  private adopt({ session, deviceCredential }: TableLogin): SessionInfo {
    const { storeIdentifier, tableNumber } = this.settings;
    this.settings = { storeIdentifier, tableNumber, deviceCredential };
    this.saveDevice(this.settings);
    this.info = session;
    this.credentialsRejected = null;
    this.persist(session);
    this.emit();
    return session;
  }

  /**
   * fetch() with the table's bearer token; on 401 logs in again and repeats the request once.
   * Throws NetworkError when there is no answer; HTTP errors come back as responses.
   */
  async fetch(
    path: string,
    init: RequestInit = {},
    prefetched?: JsonRequest['prefetched'],
  ): Promise<Response> {
    const early = prefetched ? await prefetched.response : null;
    const first = early && prefetched ? prefetched.token : await this.token();
    const res = early ?? (await this.send(path, init, first));
    if (res.status !== 401) return res;
    await res.body?.cancel();
    // Another request may already have logged in again while this one was in flight.
    const retryToken =
      this.info && this.info.accessToken !== first ? this.info.accessToken : await this.relogin();
    return this.send(path, init, retryToken);
  }

  /** A JSON request: the parsed body on 2xx, `undefined` on 304, ApiError / NetworkError otherwise. */
  async json<T>(path: string, req: JsonRequest = {}): Promise<T | undefined> {
    const timeout = AbortSignal.timeout(req.timeoutMs ?? REQUEST_TIMEOUT_MS);
    const res = await this.fetch(
      path,
      {
        method: req.method ?? 'GET',
        headers: {
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...req.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: req.signal ? AbortSignal.any([req.signal, timeout]) : timeout,
      },
      req.prefetched,
    );
    req.onResponse?.(res);
    if (res.status === 304) return undefined;
    if (!res.ok) throw await toApiError(res);
    try {
      return (await res.json()) as T;
    } catch {
      throw new NetworkError('response body was cut off');
    }
  }

  private async relogin(): Promise<string> {
    this.info = null;
    this.persist(null);
    return (await this.login()).accessToken;
  }

  private async send(path: string, init: RequestInit, token: string): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    try {
      return await this.fetchFn(`${API}${path}`, { ...init, headers });
    } catch (err) {
      if (
        init.signal?.aborted &&
        init.signal.reason instanceof DOMException &&
        init.signal.reason.name === 'AbortError'
      ) {
        throw err;
      }
      throw new NetworkError(err instanceof Error ? err.message : 'network error');
    }
  }

  private emit(): void {
    for (const fn of this.listeners) fn();
  }
}
