import { describe, expect, it, vi } from 'vitest';
import type { SessionInfo } from '../device';
import { ApiError, NetworkError } from './errors';
import { TableSession } from './table-session';

const device = { storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'cred-0' };
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const loginBody = (token: string, expiresAt = '2999-01-01T00:00:00.000Z', deviceCredential = 'cred-x') => ({
  accessToken: token,
  tokenType: 'Bearer',
  expiresAt,
  store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
  table: { id: 3, number: 3 },
  deviceCredential,
});
const saved = (token: string, expiresAt = '2999-01-01T00:00:00.000Z'): SessionInfo => {
  const { accessToken, store, table } = loginBody(token, expiresAt);
  return { accessToken, expiresAt, store, table };
};

/**
 * A fake API: password logins and refreshes issue token-N and cred-N; a refresh takes only the latest
 * credential (cred-0 before any); other routes accept only the latest token.
 */
function fakeApi() {
  let issued = 0;
  const logins: string[] = [];
  const refreshes: string[] = [];
  const seen: string[] = [];
  const fetchFn = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = typeof init?.body === 'string' ? init.body : '';
    if (url.endsWith('/auth/table/login') || url.endsWith('/auth/table/refresh')) {
      if (url.endsWith('/refresh')) {
        refreshes.push(body);
        if ((JSON.parse(body) as { deviceCredential: string }).deviceCredential !== `cred-${issued}`)
          return Promise.resolve(json(401, { error: 'invalid_credentials', message: 'no' }));
      } else logins.push(body);
      issued++;
      return Promise.resolve(json(200, loginBody(`token-${issued}`, undefined, `cred-${issued}`)));
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
  return { fetchFn, logins, refreshes, seen };
}

describe('TableSession', () => {
  it('logs in on first use with the device credential, keeping the new one it answers', async () => {
    const api = fakeApi();
    const persist = vi.fn();
    const saveDevice = vi.fn();
    const s = new TableSession(device, null, { fetch: api.fetchFn, persist, saveDevice });
    await expect(s.json('/table/orders')).resolves.toEqual({ ok: true });
    expect(api.logins).toEqual([]);
    expect(api.refreshes.map((b) => JSON.parse(b) as unknown)).toEqual([
      { storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'cred-0' },
    ]);
    expect(saveDevice).toHaveBeenLastCalledWith({
      storeIdentifier: 'demo',
      tableNumber: 3,
      deviceCredential: 'cred-1',
    });
    expect(persist).toHaveBeenLastCalledWith(expect.objectContaining({ accessToken: 'token-1' }));
    expect(persist.mock.lastCall?.[0]).not.toHaveProperty('deviceCredential');
    expect(s.current?.store.name).toBe('데모 식당');
    // The next re-login uses the rotated credential.
    await s.login();
    expect(JSON.parse(api.refreshes[1] ?? '')).toMatchObject({ deviceCredential: 'cred-1' });
    expect(s.device.deviceCredential).toBe('cred-2');
  });

  it('a tablet that still holds a password logs in with it once, then keeps the credential instead', async () => {
    const api = fakeApi();
    const saveDevice = vi.fn();
    const legacy = { storeIdentifier: 'demo', tableNumber: 3, password: '1234' };
    const s = new TableSession(legacy, null, { fetch: api.fetchFn, saveDevice });
    await s.json('/table/orders');
    expect(api.logins.map((b) => JSON.parse(b) as unknown)).toEqual([
      { storeIdentifier: 'demo', tableNumber: 3, password: '1234' },
    ]);
    expect(saveDevice).toHaveBeenCalledWith({
      storeIdentifier: 'demo',
      tableNumber: 3,
      deviceCredential: 'cred-1',
    });
    expect(s.device).not.toHaveProperty('password');
    await s.login();
    expect(api.logins).toHaveLength(1);
    expect(api.refreshes).toHaveLength(1);
  });

  it('checks the staff password with a real login and keeps that login', async () => {
    const api = fakeApi();
    const saveDevice = vi.fn();
    const s = new TableSession(device, null, { fetch: api.fetchFn, saveDevice });
    await s.verifyPassword('1234');
    expect(JSON.parse(api.logins[0] ?? '')).toEqual({
      storeIdentifier: 'demo',
      tableNumber: 3,
      password: '1234',
    });
    expect(s.device).toEqual({ storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'cred-1' });
    expect(s.current?.accessToken).toBe('token-1');
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
    expect(api.refreshes).toHaveLength(1);
  });

  it('ignores a saved login of another table', async () => {
    const api = fakeApi();
    const other = { ...saved('x'), table: { id: 9, number: 9 } };
    const s = new TableSession(device, other, { fetch: api.fetchFn });
    expect(s.current).toBeNull();
    await s.json('/table/menu');
    expect(api.seen).toEqual(['Bearer token-1']);
  });

  it('flags a device credential that no longer logs in (password changed, device reset)', async () => {
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
