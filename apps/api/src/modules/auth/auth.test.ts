import { SignJWT, base64url } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  TEST_SECRET,
  client,
  createTestApp,
  expectError,
  seedStore,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

describe('auth', () => {
  let t: TestApp;
  let s: StoreFixture;
  beforeEach(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 2 });
  });
  afterEach(() => t.close());

  const adminLogin = (body: object, headers: Record<string, string> = {}) =>
    client(t.app).post('/api/v1/auth/admin/login', body, headers);
  const tableLogin = (body: object) => client(t.app).post('/api/v1/auth/table/login', body);

  it('logs an admin in with a bearer token, the store and the admin', async () => {
    const r = await adminLogin({ storeIdentifier: 'store-a', username: 'owner', password: 'owner-pass-1' });
    expect(r.status).toBe(200);
    expect(r.body.tokenType).toBe('Bearer');
    expect(r.body.store).toEqual({ identifier: 'store-a', name: 'Store store-a', timeZone: 'Asia/Seoul' });
    expect(r.body.admin.username).toBe('owner');
    // 16 hours by default
    expect(Date.parse(r.body.expiresAt) - t.clock.now()).toBe(16 * 3600_000);
    expect(r.body).not.toHaveProperty('password');
  });

  // The suites configure a low cost (TEST_ARGON2_ENV); production's OWASP floor is checked in the
  // config unit tests and, on a real server, by the security suite.
  it('stores passwords as argon2id at the configured cost', async () => {
    const admin = await t.runtime.ctx.db
      .selectFrom('admins')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    const table = await t.runtime.ctx.db
      .selectFrom('dining_tables')
      .select('password_hash')
      .executeTakeFirstOrThrow();
    for (const h of [admin.password_hash, table.password_hash])
      expect(h).toMatch(/^\$argon2id\$v=19\$m=256,t=1,p=1\$/);
  });

  it('logs a table in and the token reaches only table routes', async () => {
    const r = await tableLogin({ storeIdentifier: 'store-a', tableNumber: 2, password: 'pw-2' });
    expect(r.status).toBe(200);
    expect(r.body.table).toEqual({ id: s.tables[1]!.id, number: 2 });
    const tab = client(t.app, r.body.accessToken);
    expect((await tab.get('/api/v1/table/menu')).status).toBe(200);
    expectError(await tab.get('/api/v1/admin/dashboard'), 403, 'forbidden');
    expectError(await s.admin.get('/api/v1/table/menu'), 403, 'forbidden');
    // A token used first on the wrong route (checked in full, not from memory) is refused the same way.
    const fresh = await tableLogin({ storeIdentifier: 'store-a', tableNumber: 2, password: 'pw-2' });
    expectError(await client(t.app, fresh.body.accessToken).get('/api/v1/admin/dashboard'), 403, 'forbidden');
    expectError(await client(t.app, 'not-a-token').get('/api/v1/admin/dashboard'), 401, 'invalid_token');
  });

  it('answers every wrong login the same way, without saying which field was wrong', async () => {
    const cases = [
      { storeIdentifier: 'store-a', username: 'owner', password: 'wrong-pass' },
      { storeIdentifier: 'store-a', username: 'nobody', password: 'owner-pass-1' },
      { storeIdentifier: 'no-such-store', username: 'owner', password: 'owner-pass-1' },
    ];
    const bodies = [];
    for (const c of cases) bodies.push(expectError(await adminLogin(c), 401, 'invalid_credentials'));
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expectError(
      await tableLogin({ storeIdentifier: 'store-a', tableNumber: 1, password: 'pw-2' }),
      401,
      'invalid_credentials',
    );
    expectError(
      await tableLogin({ storeIdentifier: 'store-a', tableNumber: 9, password: 'pw-1' }),
      401,
      'invalid_credentials',
    );
  });

  it('locks an account after 5 failures for 15 minutes with Retry-After, even for the right password', async () => {
    const wrong = { storeIdentifier: 'store-a', username: 'owner', password: 'wrong-pass' };
    for (let i = 0; i < 5; i++) expectError(await adminLogin(wrong), 401);
    const locked = await adminLogin({ ...wrong, password: 'owner-pass-1' });
    expectError(locked, 423, 'account_locked');
    expect(Number(locked.headers['retry-after'])).toBe(15 * 60);
    // Another account of the same store is not affected.
    const tableOk = await tableLogin({ storeIdentifier: 'store-a', tableNumber: 1, password: 'pw-1' });
    expect(tableOk.status).toBe(200);

    t.clock.advance(14 * 60_000);
    const still = await adminLogin({ ...wrong, password: 'owner-pass-1' });
    expectError(still, 423);
    expect(Number(still.headers['retry-after'])).toBe(60);
    t.clock.advance(60_000);
    expect((await adminLogin({ ...wrong, password: 'owner-pass-1' })).status).toBe(200);
  });

  it('locks a table account after 5 failures', async () => {
    const wrong = { storeIdentifier: 'store-a', tableNumber: 1, password: 'nope' };
    for (let i = 0; i < 5; i++) expectError(await tableLogin(wrong), 401);
    expectError(await tableLogin({ ...wrong, password: 'pw-1' }), 423, 'account_locked');
  });

  it('a success forgets earlier failures', async () => {
    const wrong = { storeIdentifier: 'store-a', username: 'owner', password: 'wrong-pass' };
    for (let i = 0; i < 4; i++) expectError(await adminLogin(wrong), 401);
    expect((await adminLogin({ ...wrong, password: 'owner-pass-1' })).status).toBe(200);
    for (let i = 0; i < 4; i++) expectError(await adminLogin(wrong), 401);
    expect((await adminLogin({ ...wrong, password: 'owner-pass-1' })).status).toBe(200);
  });

  it('answers 429 after 30 failed logins in a minute from one address', async () => {
    for (let i = 0; i < 30; i++) {
      expectError(
        await adminLogin({ storeIdentifier: 'store-a', username: `user${i}`, password: 'wrong-pass' }),
        401,
      );
    }
    const r = await adminLogin({ storeIdentifier: 'store-a', username: 'owner', password: 'owner-pass-1' });
    expectError(r, 429, 'too_many_requests');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    t.clock.advance(61_000);
    expect(
      (await adminLogin({ storeIdentifier: 'store-a', username: 'owner', password: 'owner-pass-1' })).status,
    ).toBe(200);
  });

  it('ignores X-Forwarded-For unless the proxy is trusted', async () => {
    // Untrusted: spoofed addresses all count against the real peer address.
    for (let i = 0; i < 30; i++) {
      await adminLogin(
        { storeIdentifier: 'store-a', username: `u${i}`, password: 'wrong-pass' },
        { 'x-forwarded-for': `10.0.0.${i}` },
      );
    }
    expectError(
      await adminLogin(
        { storeIdentifier: 'store-a', username: 'owner', password: 'owner-pass-1' },
        { 'x-forwarded-for': '10.9.9.9' },
      ),
      429,
    );
  });

  it('with a trusted proxy, limits by the forwarded client address', async () => {
    const t2 = await createTestApp({ TRUSTED_PROXIES: '127.0.0.1' });
    try {
      await seedStore(t2, 'store-b', { tables: 0 });
      const login = (ip: string, username: string, password: string) =>
        client(t2.app).post(
          '/api/v1/auth/admin/login',
          { storeIdentifier: 'store-b', username, password },
          { 'x-forwarded-for': ip },
        );
      for (let i = 0; i < 30; i++) await login('203.0.113.7', `u${i}`, 'wrong-pass');
      expectError(await login('203.0.113.7', 'owner', 'owner-pass-1'), 429);
      expect((await login('203.0.113.8', 'owner', 'owner-pass-1')).status).toBe(200);
    } finally {
      await t2.close();
    }
  });

  describe('tokens', () => {
    const sign = (payload: object, alg = 'HS256', secret = TEST_SECRET) =>
      new SignJWT({ ...payload })
        .setProtectedHeader({ alg })
        .setSubject(String((payload as { sub?: number }).sub ?? 1))
        .setIssuedAt(Math.floor(t.clock.now() / 1000))
        .setExpirationTime(Math.floor(t.clock.now() / 1000) + 3600)
        .sign(new TextEncoder().encode(secret));

    it('refuses missing, malformed, tampered, alg:none, other-algorithm and expired tokens with 401', async () => {
      expectError(await client(t.app).get('/api/v1/admin/dashboard'), 401, 'unauthorized');
      expectError(await client(t.app).get('/api/v1/admin/dashboard', { authorization: 'Basic abc' }), 401);
      expectError(await client(t.app, 'not-a-jwt').get('/api/v1/admin/dashboard'), 401, 'invalid_token');
      const [h, p, sig] = s.adminToken.split('.');
      const tampered = `${h}.${base64url.encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(p!))), sid: 999 }))}.${sig}`;
      expectError(await client(t.app, tampered).get('/api/v1/admin/dashboard'), 401, 'invalid_token');
      const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${p}.`;
      expectError(await client(t.app, none).get('/api/v1/admin/dashboard'), 401, 'invalid_token');
      const hs512 = await sign({ typ: 'admin', sid: 1 }, 'HS512');
      expectError(await client(t.app, hs512).get('/api/v1/admin/dashboard'), 401, 'invalid_token');
      const otherSecret = await sign(
        { typ: 'admin', sid: 1 },
        'HS256',
        'another-secret-another-secret-000000',
      );
      expectError(await client(t.app, otherSecret).get('/api/v1/admin/dashboard'), 401, 'invalid_token');
      t.clock.advance(16 * 3600_000 + 1000);
      expectError(await s.admin.get('/api/v1/admin/dashboard'), 401, 'invalid_token');
    });

    it('revokes table tokens when the table password changes', async () => {
      const tab = await s.tableClient(1);
      expect((await tab.get('/api/v1/table/orders')).status).toBe(200);
      expect(
        (await s.admin.patch(`/api/v1/admin/tables/${s.tables[0]!.id}`, { password: 'new-pw' })).status,
      ).toBe(200);
      expectError(await tab.get('/api/v1/table/orders'), 401, 'token_revoked');
      expectError(await tableLogin({ storeIdentifier: 'store-a', tableNumber: 1, password: 'pw-1' }), 401);
      expect(
        (await tableLogin({ storeIdentifier: 'store-a', tableNumber: 1, password: 'new-pw' })).status,
      ).toBe(200);
      // A number change alone keeps the token valid.
      const tab2 = await s.tableClient(2);
      expect((await s.admin.patch(`/api/v1/admin/tables/${s.tables[1]!.id}`, { number: 22 })).status).toBe(
        200,
      );
      expect((await tab2.get('/api/v1/table/orders')).status).toBe(200);
    });

    it('revokes table tokens when the table is deleted', async () => {
      const tab = await s.tableClient(2);
      expect((await s.admin.delete(`/api/v1/admin/tables/${s.tables[1]!.id}`)).status).toBe(204);
      expectError(await tab.get('/api/v1/table/menu'), 401, 'token_revoked');
      expectError(await tableLogin({ storeIdentifier: 'store-a', tableNumber: 2, password: 'pw-2' }), 401);
    });
  });
});
