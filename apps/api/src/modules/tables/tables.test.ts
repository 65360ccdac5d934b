import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectError,
  seedStore,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

describe('tables', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 2 });
    b = await seedStore(t, 'store-b', { tables: 1 });
  });
  afterAll(() => t.close());

  it('lists the store’s tables in number order with their session', async () => {
    await a.admin.post('/api/v1/admin/tables', { number: 10, password: 'pw-10' });
    await a.admin.post('/api/v1/admin/tables', { number: 5, password: 'pw-5' });
    const r = await a.admin.get('/api/v1/admin/tables');
    expect(r.status).toBe(200);
    expect(r.body.items.map((x: { number: number }) => x.number)).toEqual([1, 2, 5, 10]);
    expect(r.body.items[0]).toEqual({
      id: a.tables[0]!.id,
      number: 1,
      sessionId: null,
      locked: false,
      lockedUntil: null,
    });
    // Store B sees only its own.
    expect(
      (await b.admin.get('/api/v1/admin/tables')).body.items.map((x: { number: number }) => x.number),
    ).toEqual([1]);
  });

  it('refuses a duplicate number (409) and out-of-range values (422)', async () => {
    expectError(
      await a.admin.post('/api/v1/admin/tables', { number: 1, password: 'abcd' }),
      409,
      'table_number_taken',
    );
    for (const body of [
      { number: 0, password: 'abcd' },
      { number: 1000, password: 'abcd' },
      { number: 1.5, password: 'abcd' },
      { number: '7', password: 'abcd' },
      { number: 7, password: 'abc' },
      { number: 7, password: 'x'.repeat(33) },
      { number: 7 },
      {},
    ]) {
      expectError(await a.admin.post('/api/v1/admin/tables', body), 422, 'validation_failed');
    }
    // Bounds themselves are fine.
    expect(
      (await a.admin.post('/api/v1/admin/tables', { number: 999, password: 'x'.repeat(32) })).status,
    ).toBe(201);
    expect((await a.admin.post('/api/v1/admin/tables', { number: 998, password: 'abcd' })).status).toBe(201);
  });

  it('renumbers a table, refusing a number in use', async () => {
    const created = await a.admin.post('/api/v1/admin/tables', { number: 30, password: 'pw-30' });
    const r = await a.admin.patch(`/api/v1/admin/tables/${created.body.id}`, { number: 31 });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: created.body.id, number: 31, sessionId: null });
    expectError(
      await a.admin.patch(`/api/v1/admin/tables/${created.body.id}`, { number: 1 }),
      409,
      'table_number_taken',
    );
    // Same number again is not a conflict with itself.
    expect((await a.admin.patch(`/api/v1/admin/tables/${created.body.id}`, { number: 31 })).status).toBe(200);
  });

  it('hides another store’s tables as 404', async () => {
    const other = b.tables[0]!.id;
    expectError(await a.admin.patch(`/api/v1/admin/tables/${other}`, { number: 50 }), 404, 'not_found');
    expectError(await a.admin.delete(`/api/v1/admin/tables/${other}`), 404);
    expectError(await a.admin.get(`/api/v1/admin/tables/${other}/orders`), 404);
    expectError(await a.admin.post(`/api/v1/admin/tables/${other}/checkout`), 404);
    expectError(await a.admin.get(`/api/v1/admin/tables/${other}/history`), 404);
    expect((await b.admin.get('/api/v1/admin/tables')).body.items[0].number).toBe(1);
  });

  it('refuses to delete a table with an open session, and deletes it after checkout', async () => {
    const created = await a.admin.post('/api/v1/admin/tables', { number: 40, password: 'pw-40' });
    const tab = await a.tableClient(40);
    expect(
      (await tab.post('/api/v1/table/orders', { items: [{ menuItemId: a.items[0]!.id, quantity: 1 }] }))
        .status,
    ).toBe(201);
    const body = expectError(
      await a.admin.delete(`/api/v1/admin/tables/${created.body.id}`),
      409,
      'table_has_open_session',
    );
    expect(body.message).toContain('40');
    expect((await a.admin.post(`/api/v1/admin/tables/${created.body.id}/checkout`)).status).toBe(200);
    expect((await a.admin.delete(`/api/v1/admin/tables/${created.body.id}`)).status).toBe(204);
    expectError(await a.admin.delete(`/api/v1/admin/tables/${created.body.id}`), 404);
    const list = await a.admin.get('/api/v1/admin/tables');
    expect(list.body.items.some((x: { number: number }) => x.number === 40)).toBe(false);
    // The number is free again.
    expect((await a.admin.post('/api/v1/admin/tables', { number: 40, password: 'pw-40' })).status).toBe(201);
  });

  it('answers 404 for unknown and malformed ids', async () => {
    for (const id of ['999999', 'abc', '-1', '0', '1.5', '99999999999999999999']) {
      expectError(await a.admin.patch(`/api/v1/admin/tables/${id}`, { number: 3 }), 404);
    }
  });
});
