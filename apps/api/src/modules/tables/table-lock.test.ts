import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

// Five wrong passwords on a tablet lock that table's login for 15 minutes: the dashboard's table list
// shows the lock, an admin of the store can lift it, and logins say how many tries remain from the
// third failure on.
describe('table login locks', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 2 });
    b = await seedStore(t, 'store-b', { tables: 1 });
  });
  afterAll(() => t.close());

  const tableLogin = (number: number, password: string, store = 'store-a') =>
    client(t.app).post('/api/v1/auth/table/login', { storeIdentifier: store, tableNumber: number, password });
  const adminLogin = (password: string) =>
    client(t.app).post('/api/v1/auth/admin/login', {
      storeIdentifier: 'store-b',
      username: 'owner',
      password,
    });
  const listed = async (number: number) =>
    (await a.admin.get('/api/v1/admin/tables')).body.items.find(
      (x: { number: number }) => x.number === number,
    );

  it('tells table and admin logins how many tries remain from the third failure on', async () => {
    for (const login of [(p: string) => tableLogin(2, p), adminLogin]) {
      const seen = [];
      for (let i = 0; i < 5; i++)
        seen.push(expectError(await login('wrong-pass'), 401, 'invalid_credentials'));
      expect(seen.map((body) => (body as { details?: unknown }).details)).toEqual([
        undefined,
        undefined,
        [{ remainingAttempts: 2 }],
        [{ remainingAttempts: 1 }],
        [{ remainingAttempts: 0 }],
      ]);
      expectError(await login('wrong-pass'), 423, 'account_locked');
    }
    t.clock.advance(15 * 60_000);
    expect((await tableLogin(2, 'pw-2')).status).toBe(200);
    expect((await adminLogin('owner-pass-1')).status).toBe(200);
  });

  it('lists each table as locked or not, with the lock’s end', async () => {
    expect(await listed(1)).toEqual({
      id: a.tables[0]!.id,
      number: 1,
      sessionId: null,
      locked: false,
      lockedUntil: null,
    });
    for (let i = 0; i < 5; i++) expectError(await tableLogin(1, 'wrong'), 401);
    const lockedUntil = new Date(t.clock.now() + 15 * 60_000).toISOString();
    expect(await listed(1)).toMatchObject({ locked: true, lockedUntil });
    expect(await listed(2)).toMatchObject({ locked: false, lockedUntil: null });
    // The same table number of another store is not locked.
    expect((await tableLogin(1, 'pw-1', 'store-b')).status).toBe(200);
    expect((await b.admin.get('/api/v1/admin/tables')).body.items[0]).toMatchObject({ locked: false });
    // A lock that ran out is shown as none.
    t.clock.advance(15 * 60_000);
    expect(await listed(1)).toMatchObject({ locked: false, lockedUntil: null });
  });

  it('lets an admin of the store lift a table’s lock (DELETE /admin/tables/{id}/lock)', async () => {
    for (let i = 0; i < 5; i++) expectError(await tableLogin(1, 'wrong'), 401);
    expectError(await tableLogin(1, 'pw-1'), 423, 'account_locked');
    const id = a.tables[0]!.id;

    // Not by another store, a table, or anyone without a token.
    expectError(await b.admin.delete(`/api/v1/admin/tables/${id}/lock`), 404, 'not_found');
    const tab = await b.tableClient(1);
    expectError(await tab.delete(`/api/v1/admin/tables/${id}/lock`), 403, 'forbidden');
    expectError(await client(t.app).delete(`/api/v1/admin/tables/${id}/lock`), 401);
    expectError(await a.admin.delete('/api/v1/admin/tables/999999/lock'), 404, 'not_found');
    expect(await listed(1)).toMatchObject({ locked: true });

    const r = await a.admin.delete(`/api/v1/admin/tables/${id}/lock`);
    expect(r.status).toBe(204);
    expect(await listed(1)).toMatchObject({ locked: false, lockedUntil: null });
    expect((await tableLogin(1, 'pw-1')).status).toBe(200);
    // Lifting a lock that is not there is fine too; the count starts afresh after a lift.
    expect((await a.admin.delete(`/api/v1/admin/tables/${id}/lock`)).status).toBe(204);
    for (let i = 0; i < 2; i++) expectError(await tableLogin(1, 'wrong'), 401);
    await a.admin.delete(`/api/v1/admin/tables/${id}/lock`);
    expect((expectError(await tableLogin(1, 'wrong'), 401) as { details?: unknown }).details).toBeUndefined();
  });

  it('documents the lock route, the list fields and the remaining tries in OpenAPI', async () => {
    const doc = (await client(t.app).get('/openapi.json')).body;
    expect(doc.paths['/api/v1/admin/tables/{id}/lock'].delete.responses['204']).toBeDefined();
    // Named schemas are references into components.
    const resolve = (v: unknown) => {
      const text = JSON.stringify(v);
      const ref = /"\$ref":"#\/components\/schemas\/([^"]+)"/.exec(text);
      return ref ? text + JSON.stringify(doc.components.schemas[ref[1]!]) : text;
    };
    expect(resolve(doc.paths['/api/v1/admin/tables'].get.responses['200'])).toContain('lockedUntil');
    expect(resolve(doc.paths['/api/v1/auth/table/login'].post.responses['401'])).toContain(
      'remainingAttempts',
    );
    expect(resolve(doc.paths['/api/v1/auth/admin/login'].post.responses['401'])).toContain(
      'remainingAttempts',
    );
  });
});
