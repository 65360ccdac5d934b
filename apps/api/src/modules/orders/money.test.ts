import { ORDER_LINES_MAX, ORDER_QUANTITY_MAX, PRICE_MAX } from '@table-order/contracts/constants';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type StoreFixture, type TestApp } from '../../../test/harness.js';

// Money is 64-bit on both dialects: the largest order the SPEC allows (30 lines x 99 x 10,000,000 =
// 29,700,000,000) and session totals past 2^31 - 1 are stored, summed and answered exactly, as numbers.
describe('money beyond 32 bits', () => {
  let t: TestApp;
  let s: StoreFixture;
  const LARGEST_ORDER = ORDER_LINES_MAX * ORDER_QUANTITY_MAX * PRICE_MAX;
  let itemIds: number[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'money', { tables: 2 });
    itemIds = [];
    for (let i = 0; i < ORDER_LINES_MAX; i++) {
      const r = await s.admin.post<{ id: number; price: number }>('/api/v1/admin/menu-items', {
        categoryId: s.categories[0]!.id,
        name: `한우 ${i + 1}`,
        price: PRICE_MAX,
      });
      expect(r.status).toBe(201);
      expect(r.body.price).toBe(PRICE_MAX);
      itemIds.push(r.body.id);
    }
  });
  afterAll(() => t.close());

  it('places the largest order the SPEC allows and answers its exact total', async () => {
    expect(LARGEST_ORDER).toBe(29_700_000_000);
    const tab = await s.tableClient(1);
    const r = await tab.post('/api/v1/table/orders', {
      items: itemIds.map((menuItemId) => ({ menuItemId, quantity: ORDER_QUANTITY_MAX })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.totalAmount).toBe(LARGEST_ORDER);
    expect(r.body.items).toHaveLength(ORDER_LINES_MAX);
    expect(r.body.items[0]).toMatchObject({ unitPrice: PRICE_MAX, quantity: 99, subtotal: 990_000_000 });

    // Read back from the database (not the write path's own values): still exact numbers.
    const again = await s.admin.get(`/api/v1/admin/orders/${r.body.id}`);
    expect(again.body.totalAmount).toBe(LARGEST_ORDER);
    expect(again.body.items[29].unitPrice).toBe(PRICE_MAX);
    const mine = await tab.get('/api/v1/table/orders');
    expect(mine.body.orders[0].totalAmount).toBe(LARGEST_ORDER);
    const board = await s.admin.get('/api/v1/admin/dashboard');
    const row = board.body.tables.find((x: { number: number }) => x.number === 1);
    expect(row.totalAmount).toBe(LARGEST_ORDER);
    expect(row.latestOrders[0].totalAmount).toBe(LARGEST_ORDER);
  });

  it('checks out a session whose total exceeds 2,147,483,647 and keeps it in history', async () => {
    const tab = await s.tableClient(2);
    // Each order (2 lines x 99 x 10,000,000 = 1,980,000,000) fits 32 bits; the session's total does not.
    const ORDER = 1_980_000_000;
    const place = () =>
      tab.post('/api/v1/table/orders', {
        items: itemIds.slice(0, 2).map((menuItemId) => ({ menuItemId, quantity: 99 })),
      });
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await place();
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const total = 3 * ORDER;
    expect(total).toBeGreaterThan(2_147_483_647);
    const tableId = s.tables[1]!.id;
    const del = await s.admin.delete(`/api/v1/admin/orders/${ids[2]}`);
    expect(del.status).toBe(200);
    expect(del.body.tableTotal).toBe(2 * ORDER);
    // Order it again so the session holds three again.
    expect((await place()).status).toBe(201);
    expect((await s.admin.get(`/api/v1/admin/tables/${tableId}/orders`)).body.orders).toHaveLength(3);

    const out = await s.admin.post(`/api/v1/admin/tables/${tableId}/checkout`);
    expect(out.status, JSON.stringify(out.body)).toBe(200);
    expect(out.body.total).toBe(total);
    const history = await s.admin.get(`/api/v1/admin/tables/${tableId}/history`);
    expect(history.status).toBe(200);
    expect(history.body.orders.map((o: { totalAmount: number }) => o.totalAmount)).toEqual([
      ORDER,
      ORDER,
      ORDER,
    ]);
    // The table is idle again: the next party starts empty.
    const board = await s.admin.get('/api/v1/admin/dashboard');
    expect(board.body.tables.find((x: { id: number }) => x.id === tableId)).toMatchObject({
      sessionId: null,
      totalAmount: 0,
    });
    const session = await t.runtime.ctx.db
      .selectFrom('table_sessions')
      .select('total_amount')
      .where('table_id', '=', tableId)
      .executeTakeFirstOrThrow();
    expect(session.total_amount).toBe(total);
  });
});
