import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../device';
import { ApiError, NetworkError } from './errors';
import { TableSession } from './table-session';

const device = { storeIdentifier: 'demo', tableNumber: 3, password: '1234' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const loginBody = (token: string, expiresAt = '2999-01-01T00:00:00.000Z') => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresAt,
  store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
  table: { id: 3, number: 3 },
});
const saved = (token: string, expiresAt = '2999-01-01T00:00:00.000Z'): SessionInfo => {
  const { accessToken, store, table } = loginBody(token, expiresAt);
  return { accessToken, expiresAt, store, table };
};

/** A fake API: logins issue token-N; other routes accept only the latest token. */
function fakeApi() {
  let issued = 0;
  const logins: string[] = [];
  const seen: string[] = [];
  const fetchFn = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url.endsWith('/auth/table/login')) {
      issued++;
      logins.push(typeof init?.body === 'string' ? init.body : '');
      return Promise.resolve(json(200, loginBody(`token-${issued}`)));
    }
    const auth = new Headers(init?.headers).get('authorization') ?? '';
    seen.push(auth);
    if (auth !== `Bearer token-${issued}`) {
      return Promise.resolve(
        json(401, { error: 'invalid_token', message: 'The access token is invalid or expired.' }),
      );
    }
    return Promise.resolve(json(200, { ok: true }));
  });
  return { fetchFn, logins, seen };
}

describe('TableSession', () => {
  it('logs in on first use and persists the login', async () => {
    const api = fakeApi();
    const persist = vi.fn();
    const s = new TableSession(device, null, { fetch: api.fetchFn, persist });
    await expect(s.json('/table/orders')).resolves.toEqual({ ok: true });
    expect(api.logins).toHaveLength(1);
    expect(JSON.parse(api.logins[0] ?? '')).toEqual({
      storeIdentifier: 'demo',
      tableNumber: 3,
      password: '1234',
    });
    expect(persist).toHaveBeenLastCalledWith(expect.objectContaining({ accessToken: 'token-1' }));
    expect(s.current?.store.name).toBe('데모 식당');
  });

  it('logs in again silently when the token is rejected, then repeats the request', async () => {
    const api = fakeApi();
    const s = new TableSession(device, saved('stale'), { fetch: api.fetchFn });
    await expect(s.json('/table/menu')).resolves.toEqual({ ok: true });
    expect(api.seen).toEqual(['Bearer stale', 'Bearer token-1']);
  });

  it('logs in before the request when the saved token has expired by the local clock', async () => {
    const api = fakeApi();
    const s = new TableSession(device, saved('old', '2000-01-01T00:00:00.000Z'), { fetch: api.fetchFn });
    await s.json('/table/menu');
    expect(api.seen).toEqual(['Bearer token-1']);
  });

  it('a burst of rejected requests causes one login', async () => {
    const api = fakeApi();
    const s = new TableSession(device, saved('stale'), { fetch: api.fetchFn });
    await Promise.all([s.json('/a'), s.json('/b'), s.json('/c')]);
    expect(api.logins).toHaveLength(1);
  });

  it('ignores a saved login of another table', async () => {
    const api = fakeApi();
    const other = { ...saved('x'), table: { id: 9, number: 9 } };
    const s = new TableSession(device, other, { fetch: api.fetchFn });
    expect(s.current).toBeNull();
    await s.json('/table/menu');
    expect(api.seen).toEqual(['Bearer token-1']);
  });

  it('flags settings that no longer log in (password changed)', async () => {
    const fetchFn = vi.fn(() =>
      Promise.resolve(
        json(401, { error: 'invalid_credentials', message: 'The login details are not correct.' }),
      ),
    );
    const s = new TableSession(device, null, { fetch: fetchFn });
    const listener = vi.fn();
    s.subscribe(listener);
    await expect(s.json('/table/menu')).rejects.toBeInstanceOf(ApiError);
    expect(s.credentialsRejected?.code).toBe('invalid_credentials');
    expect(listener).toHaveBeenCalled();
  });

  it('turns a failed connection into NetworkError', async () => {
    const s = new TableSession(device, saved('t'), {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(s.json('/table/menu')).rejects.toBeInstanceOf(NetworkError);
  });
});
