import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

// A table login answers a device credential besides the token: the tablet keeps it instead of the
// password and logs in again with it (POST /auth/table/refresh). Each use answers a new one; the used
// one works for 10 more minutes (a lost answer), then never again. Revoked on a password change, a
// delete and a "reset device"; bound to its table; failures count like wrong passwords.
describe('device credentials', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  beforeAll(async () => {
    // Tokens live 30 days here: the suite moves the clock by days.
    t = await createTestApp({ JWT_EXPIRE_HOURS: '720' });
    a = await seedStore(t, 'store-a', { tables: 6 });
    b = await seedStore(t, 'store-b', { tables: 1 });
  });
  afterAll(() => t.close());

  const MIN = 60_000;
  const login = async (number: number, password = `pw-${number}`, store = 'store-a') => {
    const r = await client(t.app).post('/api/v1/auth/table/login', {
      storeIdentifier: store,
      tableNumber: number,
      password,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { accessToken: string; deviceCredential: string; table: { id: number } };
  };
  const refresh = (number: number, deviceCredential: unknown, store = 'store-a') =>
    client(t.app).post('/api/v1/auth/table/refresh', {
      storeIdentifier: store,
      tableNumber: number,
      deviceCredential,
    });
  /** Refreshes and checks the answer works: a token for this table and a new credential. */
  const refreshOk = async (number: number, credential: string, store = 'store-a') => {
    const r = await refresh(number, credential, store);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ tokenType: 'Bearer', table: { number } });
    expect(r.body.deviceCredential).not.toBe(credential);
    expect((await client(t.app, r.body.accessToken).get('/api/v1/table/orders')).status).toBe(200);
    return r.body.deviceCredential as string;
  };
  const refused = async (number: number, credential: string, store = 'store-a') =>
    expectError(await refresh(number, credential, store), 401, 'invalid_credentials');
  const forget = () => t.runtime.ctx.db.deleteFrom('login_failures').execute();

  it('comes with a table login: a long random secret, stored only as its SHA-256', async () => {
    const first = await login(1);
    const second = await login(1);
    expect(first.deviceCredential).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(second.deviceCredential).not.toBe(first.deviceCredential);
    const rows = await t.runtime.ctx.db
      .selectFrom('device_credentials')
      .selectAll()
      .where('table_id', '=', first.table.id)
      .execute();
    expect(rows).toHaveLength(2);
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    expect(rows.map((r) => r.secret_hash).sort()).toEqual(
      [sha(first.deviceCredential), sha(second.deviceCredential)].sort(),
    );
    expect(JSON.stringify(rows)).not.toContain(first.deviceCredential);
    // Both tablets of the table work on their own.
    await refreshOk(1, first.deviceCredential);
    await refreshOk(1, second.deviceCredential);
  });

  it('rotates on every use; the used one works for 10 more minutes, then never again', async () => {
    const c0 = (await login(2)).deviceCredential;
    const c1 = await refreshOk(2, c0);
    // The answer with c1 was lost: c0 still works within the grace period, and the unused c1 goes.
    t.clock.advance(9 * MIN);
    const c2 = await refreshOk(2, c0);
    await refused(2, c1);
    // c2 is current and keeps working long after (it is not subject to the grace period).
    t.clock.advance(2 * MIN);
    await refused(2, c0);
    t.clock.advance(7 * 24 * 60 * MIN);
    const c3 = await refreshOk(2, c2);
    t.clock.advance(10 * MIN);
    await refused(2, c2);
    await refreshOk(2, c3);
    await forget();
  });

  it('is revoked by a password change, with the table’s tokens', async () => {
    const { deviceCredential, accessToken, table } = await login(3);
    const patched = await a.admin.patch(`/api/v1/admin/tables/${table.id}`, { password: 'new-pw-3' });
    expect(patched.status).toBe(200);
    await refused(3, deviceCredential);
    expectError(await client(t.app, accessToken).get('/api/v1/table/orders'), 401, 'token_revoked');
    // The new password gives a working one again; renumbering alone revokes nothing.
    const again = await login(3, 'new-pw-3');
    expect((await a.admin.patch(`/api/v1/admin/tables/${table.id}`, { number: 33 })).status).toBe(200);
    await refreshOk(33, again.deviceCredential);
    await forget();
  });

  it('is revoked by deleting the table', async () => {
    const { deviceCredential, table } = await login(4);
    expect((await a.admin.delete(`/api/v1/admin/tables/${table.id}`)).status).toBe(204);
    await refused(4, deviceCredential);
    // A new table with the same number does not take over the old table's credentials.
    expect((await a.admin.post('/api/v1/admin/tables', { number: 4, password: 'pw-4' })).status).toBe(201);
    await refused(4, deviceCredential);
    await forget();
  });

  it('is revoked, with every token of the table, by "reset device" (DELETE /admin/tables/{id}/devices)', async () => {
    const one = await login(5);
    const two = await login(5);
    const other = await login(6);
    expectError(await b.admin.delete(`/api/v1/admin/tables/${one.table.id}/devices`), 404, 'not_found');
    expectError(
      await client(t.app, other.accessToken).delete(`/api/v1/admin/tables/${one.table.id}/devices`),
      403,
    );
    expectError(await client(t.app).delete(`/api/v1/admin/tables/${one.table.id}/devices`), 401);
    expectError(await a.admin.delete('/api/v1/admin/tables/999999/devices'), 404, 'not_found');

    expect((await a.admin.delete(`/api/v1/admin/tables/${one.table.id}/devices`)).status).toBe(204);
    await refused(5, one.deviceCredential);
    await refused(5, two.deviceCredential);
    expectError(await client(t.app, one.accessToken).get('/api/v1/table/orders'), 401, 'token_revoked');
    // Other tables keep theirs; the password still sets the tablet up again.
    await refreshOk(6, other.deviceCredential);
    await refreshOk(5, (await login(5)).deviceCredential);
    await forget();
  });

  it('is bound to its table and store', async () => {
    const mine = (await login(1)).deviceCredential;
    await refused(2, mine);
    await refused(1, mine, 'store-b');
    const theirs = (await login(1, 'pw-1', 'store-b')).deviceCredential;
    await refused(1, theirs);
    await refused(999, theirs, 'no-such-store');
    // Refused attempts did not use them up.
    await refreshOk(1, mine);
    await refreshOk(1, theirs, 'store-b');
    await forget();
  });

  it('counts failed refreshes like wrong passwords: tries left, then the table is locked', async () => {
    const good = (await login(6)).deviceCredential;
    const details: unknown[] = [];
    for (let i = 0; i < 5; i++)
      details.push(((await refused(6, `forged-${i}`)) as { details?: unknown }).details);
    expect(details).toEqual([
      undefined,
      undefined,
      [{ remainingAttempts: 2 }],
      [{ remainingAttempts: 1 }],
      [{ remainingAttempts: 0 }],
    ]);
    expectError(await refresh(6, good), 423, 'account_locked');
    expectError(
      await client(t.app).post('/api/v1/auth/table/login', {
        storeIdentifier: 'store-a',
        tableNumber: 6,
        password: 'pw-6',
      }),
      423,
      'account_locked',
    );
    t.clock.advance(15 * MIN);
    await refreshOk(6, good);
    await forget();
  });

  it('validates the refresh body (422) and documents the routes', async () => {
    for (const body of [
      {},
      { storeIdentifier: 'store-a', tableNumber: 1 },
      { storeIdentifier: 'store-a', tableNumber: 1, deviceCredential: '' },
      { storeIdentifier: 'store-a', tableNumber: 1, deviceCredential: 'x'.repeat(201) },
      { storeIdentifier: 'store-a', tableNumber: 1, deviceCredential: 42 },
      { storeIdentifier: 'store-a', tableNumber: 0, deviceCredential: 'abc' },
    ]) {
      expectError(await client(t.app).post('/api/v1/auth/table/refresh', body), 422, 'validation_failed');
    }
    const doc = (await client(t.app).get('/openapi.json')).body;
    expect(doc.paths['/api/v1/auth/table/refresh'].post).toBeDefined();
    expect(doc.paths['/api/v1/admin/tables/{id}/devices'].delete).toBeDefined();
    expect(JSON.stringify(doc.components.schemas.TableLoginResponse)).toContain('deviceCredential');
  });

  it('drops credentials past their grace period on the purge schedule', async () => {
    const t2 = await createTestApp({ EVENTS_PURGE_INTERVAL_MS: '50' });
    try {
      await seedStore(t2, 'store-p', { tables: 1 });
      const r = await client(t2.app).post('/api/v1/auth/table/login', {
        storeIdentifier: 'store-p',
        tableNumber: 1,
        password: 'pw-1',
      });
      const c0 = r.body.deviceCredential as string;
      const next = await client(t2.app).post('/api/v1/auth/table/refresh', {
        storeIdentifier: 'store-p',
        tableNumber: 1,
        deviceCredential: c0,
      });
      expect(next.status).toBe(200);
      const count = async () =>
        (await t2.runtime.ctx.db.selectFrom('device_credentials').select('id').execute()).length;
      // c0 (replaced) and its successor.
      expect(await count()).toBe(2);
      t2.clock.advance(10 * MIN);
      await expect.poll(count, { timeout: 3000 }).toBe(1);
    } finally {
      await t2.close();
    }
  });
});
