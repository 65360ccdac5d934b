// Sales (SPEC 13): the report and the CSV against hand-computed figures (options, partial cancels, a
// deleted order, open and checked-out sessions, a session across midnight, the Asia/Seoul day boundary
// that is not UTC's), ranges, roles and another store's data; on MariaDB in the `services` project.
import type { Order, SalesReport } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillSales } from '../src/db/migrations/0010_sales.js';
import { directSales } from '../src/modules/reports/direct-sums.js';
import { addDays, startOfLocalDate } from '../src/shared/time.js';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from './harness.js';

describe('sales report and CSV (SPEC 13)', () => {
  let t: TestApp;
  let s: StoreFixture;
  let other: StoreFixture;
  let optionIds: number[];
  const tablets = new Map<number, Client>();
  const orders: Order[] = [];

  const at = (isoUtc: string) => {
    t.clock.ms = Date.parse(isoUtc);
  };
  const tableId = (n: number) => s.tables[n - 1]!.id;
  const order = async (
    n: number,
    lines: { item: number; quantity: number; optionIds?: number[] }[],
    store: StoreFixture = s,
  ) => {
    const tablet = store === s ? tablets.get(n)! : await store.tableClient(n);
    const r = await tablet.post<Order>('/api/v1/table/orders', {
      items: lines.map((l) => ({
        menuItemId: store.items[l.item]!.id,
        quantity: l.quantity,
        optionIds: l.optionIds,
      })),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const report = async (q: string, who: Client = s.admin) => {
    const r = await who.get<SalesReport>(`/api/v1/admin/reports/sales${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const csv = async (q: string) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/reports/sales.csv${q}`,
      headers: { authorization: `Bearer ${s.adminToken}` },
    });
    return r;
  };
  const zeroHours = (set: Record<number, [number, number]>) =>
    Array.from({ length: 24 }, (_, hour) => ({
      hour,
      orders: set[hour]?.[0] ?? 0,
      revenue: set[hour]?.[1] ?? 0,
    }));

  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 4 });
    other = await seedStore(t, 'store-b', { tables: 1 });
    for (const table of s.tables) tablets.set(table.number, await s.tableClient(table.number));
    const groups = [
      { name: '양', minSelect: 0, maxSelect: 1, options: [{ name: '곱빼기', priceDelta: 1000 }] },
      { name: '맵기', minSelect: 0, maxSelect: 1, options: [{ name: '매운맛', priceDelta: 500 }] },
    ];
    optionIds = [];
    const groupIds = [];
    for (const g of groups) {
      const r = await s.admin.post<{ id: number; options: { id: number }[] }>(
        '/api/v1/admin/option-groups',
        g,
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      groupIds.push(r.body.id);
      optionIds.push(r.body.options[0]!.id);
    }
    const link = await s.admin.patch(`/api/v1/admin/menu-items/${s.items[1]!.id}`, {
      optionGroupIds: groupIds,
    });
    expect(link.status, JSON.stringify(link.body)).toBe(200);

    // 1. Seoul 03-09 23:59 (UTC 14:59): table 1 opens a session that runs past midnight.
    at('2026-03-09T14:59:00Z');
    orders.push(await order(1, [{ item: 0, quantity: 2 }])); // 김치찌개 2 × 9000 = 18000
    // 2. Seoul 03-10 00:00 (still 03-09 in UTC): the same session.
    at('2026-03-09T15:00:00Z');
    orders.push(await order(1, [{ item: 2, quantity: 1 }])); // 콜라 2000
    // 3. Seoul 12:00: 된장찌개 with both options (8500+1000+500 = 10000) × 2, 사이다 3, 김치찌개 1.
    at('2026-03-10T03:00:00Z');
    const o3 = await order(2, [
      { item: 1, quantity: 2, optionIds },
      { item: 3, quantity: 3 },
      { item: 0, quantity: 1 },
    ]); // 20000 + 6000 + 9000 = 35000
    orders.push(o3);
    // Staff cancel 2 사이다 and the 김치찌개: 22000 remains, 4000 + 9000 cancelled.
    const cancel = await s.admin.post(`/api/v1/admin/orders/${o3.id}/cancel-lines`, {
      lines: [
        { lineId: o3.items[1]!.id, quantity: 2 },
        { lineId: o3.items[2]!.id, quantity: 1 },
      ],
    });
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect((await s.admin.patch(`/api/v1/admin/orders/${o3.id}`, { status: 'preparing' })).status).toBe(200);
    // 4. Seoul 12:30: an order deleted by staff (9000 cancelled).
    at('2026-03-10T03:30:00Z');
    const o4 = await order(2, [{ item: 0, quantity: 1 }]);
    orders.push(o4);
    expect((await s.admin.delete(`/api/v1/admin/orders/${o4.id}`)).status).toBe(200);
    // 5. Seoul 13:00: table 3, completed and checked out.
    at('2026-03-10T04:00:00Z');
    const o5 = await order(3, [{ item: 2, quantity: 2 }]); // 4000
    orders.push(o5);
    expect((await s.admin.patch(`/api/v1/admin/orders/${o5.id}`, { status: 'completed' })).status).toBe(200);
    expect((await s.admin.post(`/api/v1/admin/tables/${tableId(3)}/checkout`)).status).toBe(200);
    // Another store's order on the same day: never in store-a's figures.
    await order(1, [{ item: 0, quantity: 5 }], other);
    at('2026-03-10T09:00:00Z'); // Seoul 18:00: "today" is 03-10
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts one Seoul day: creation time in the store zone, after cancels, deleted orders out', async () => {
    const r = await report('?from=2026-03-10&to=2026-03-10');
    expect(r).toEqual({
      from: '2026-03-10',
      to: '2026-03-10',
      totals: { orders: 3, sessions: 3, revenue: 28000, averagePerSession: 9333, cancelledAmount: 22000 },
      byDay: [{ date: '2026-03-10', orders: 3, revenue: 28000 }],
      byHour: zeroHours({ 0: [1, 2000], 12: [1, 22000], 13: [1, 4000] }),
      byItem: [
        { menuItemId: s.items[1]!.id, name: '된장찌개', quantity: 2, revenue: 20000 },
        { menuItemId: s.items[2]!.id, name: '콜라', quantity: 3, revenue: 6000 },
        { menuItemId: s.items[3]!.id, name: '사이다', quantity: 1, revenue: 2000 },
      ],
      byTable: [
        { tableNumber: 2, sessions: 1, revenue: 22000 },
        { tableNumber: 3, sessions: 1, revenue: 4000 },
        { tableNumber: 1, sessions: 1, revenue: 2000 },
      ],
    });
    // No query: today in the store's zone.
    expect(await report('')).toEqual(r);
  });

  it('counts a session that crosses midnight once over a range, with every day listed', async () => {
    const r = await report('?from=2026-03-08&to=2026-03-10');
    expect(r.totals).toEqual({
      orders: 4,
      sessions: 3,
      revenue: 46000,
      averagePerSession: 15333,
      cancelledAmount: 22000,
    });
    expect(r.byDay).toEqual([
      { date: '2026-03-08', orders: 0, revenue: 0 },
      { date: '2026-03-09', orders: 1, revenue: 18000 },
      { date: '2026-03-10', orders: 3, revenue: 28000 },
    ]);
    expect(r.byHour[23]).toEqual({ hour: 23, orders: 1, revenue: 18000 });
    expect(r.byItem.map((i) => [i.name, i.quantity, i.revenue])).toEqual([
      ['된장찌개', 2, 20000],
      ['김치찌개', 2, 18000],
      ['콜라', 3, 6000],
      ['사이다', 1, 2000],
    ]);
    expect(r.byTable).toEqual([
      { tableNumber: 2, sessions: 1, revenue: 22000 },
      { tableNumber: 1, sessions: 1, revenue: 20000 },
      { tableNumber: 3, sessions: 1, revenue: 4000 },
    ]);
    const day9 = await report('?from=2026-03-09&to=2026-03-09');
    expect(day9.totals).toEqual({
      orders: 1,
      sessions: 1,
      revenue: 18000,
      averagePerSession: 18000,
      cancelledAmount: 0,
    });
    const empty = await report('?from=2026-01-01&to=2026-01-01');
    expect(empty.totals).toEqual({
      orders: 0,
      sessions: 0,
      revenue: 0,
      averagePerSession: 0,
      cancelledAmount: 0,
    });
    expect(empty.byItem).toEqual([]);
    expect(empty.byTable).toEqual([]);
  });

  it('exports the counted lines as CSV: BOM, Korean header and statuses, quoting, fully cancelled lines out', async () => {
    const r = await csv('?from=2026-03-10&to=2026-03-10');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="sales-2026-03-10_2026-03-10.csv"');
    const bytes = r.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe(
      [
        '날짜,시간,주문번호,테이블,메뉴,옵션,수량,단가,금액,상태',
        '2026-03-10,00:00:00,20260310-0001,1,콜라,,1,2000,2000,대기중',
        '2026-03-10,12:00:00,20260310-0002,2,된장찌개,"양: 곱빼기, 맵기: 매운맛",2,10000,20000,준비중',
        '2026-03-10,12:00:00,20260310-0002,2,사이다,,1,2000,2000,준비중',
        '2026-03-10,13:00:00,20260310-0004,3,콜라,,2,2000,4000,완료',
        '',
      ].join('\r\n'),
    );
    const two = (await csv('?from=2026-03-09&to=2026-03-10')).rawPayload.subarray(3).toString('utf8');
    expect(two.split('\r\n')[1]).toBe('2026-03-09,23:59:00,20260309-0001,1,김치찌개,,2,9000,18000,대기중');
    expect(two.split('\r\n')).toHaveLength(7);
  });

  it('answers 422 for a reversed, too long or bad range, and 366 days is allowed', async () => {
    expectError(await s.admin.get('/api/v1/admin/reports/sales?from=2026-03-10&to=2026-03-09'), 422);
    expectError(await s.admin.get('/api/v1/admin/reports/sales?from=2025-03-09&to=2026-03-10'), 422);
    expectError(await s.admin.get('/api/v1/admin/reports/sales?from=2026-02-30&to=2026-03-10'), 422);
    expectError(await s.admin.get('/api/v1/admin/reports/sales?from=yesterday'), 422);
    expectError(await s.admin.get('/api/v1/admin/reports/sales.csv?from=2026-03-10&to=2026-03-09'), 422);
    expectError(await s.admin.get('/api/v1/admin/reports/sales.csv?from=2025-03-09&to=2026-03-10'), 422);
    const year = await report('?from=2025-03-10&to=2026-03-10');
    expect(year.byDay).toHaveLength(366);
    expect(year.totals.revenue).toBe(46000);
  });

  it('is for owners only, and another store sees only its own sales', async () => {
    expect(
      (
        await s.admin.post('/api/v1/admin/accounts', {
          username: 'alba',
          password: 'alba-pass-1',
          role: 'staff',
        })
      ).status,
    ).toBe(201);
    const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/admin/login', {
      storeIdentifier: 'store-a',
      username: 'alba',
      password: 'alba-pass-1',
    });
    const staff = client(t.app, login.body.accessToken);
    expectError(await staff.get('/api/v1/admin/reports/sales'), 403);
    expectError(await staff.get('/api/v1/admin/reports/sales.csv'), 403);
    expectError(await tablets.get(1)!.get('/api/v1/admin/reports/sales'), 403);
    expectError(await client(t.app).get('/api/v1/admin/reports/sales'), 401);
    const b = await report('?from=2026-03-10&to=2026-03-10', other.admin);
    expect(b.totals).toEqual({
      orders: 1,
      sessions: 1,
      revenue: 45000,
      averagePerSession: 45000,
      cancelledAmount: 0,
    });
    expect(b.byItem).toEqual([
      { menuItemId: other.items[0]!.id, name: '김치찌개', quantity: 5, revenue: 45000 },
    ]);
  });

  it('follows a move and a merge: tables and sessions as the orders now are', async () => {
    at('2026-03-10T09:10:00Z');
    expect(
      (await s.admin.post(`/api/v1/admin/tables/${tableId(1)}/move`, { toTableId: tableId(4) })).status,
    ).toBe(200);
    let r = await report('?from=2026-03-09&to=2026-03-10');
    expect(r.byTable).toEqual([
      { tableNumber: 2, sessions: 1, revenue: 22000 },
      { tableNumber: 4, sessions: 1, revenue: 20000 },
      { tableNumber: 3, sessions: 1, revenue: 4000 },
    ]);
    expect(
      (await s.admin.post(`/api/v1/admin/tables/${tableId(2)}/merge`, { fromTableId: tableId(4) })).status,
    ).toBe(200);
    r = await report('?from=2026-03-09&to=2026-03-10');
    expect(r.totals).toEqual({
      orders: 4,
      sessions: 2,
      revenue: 46000,
      averagePerSession: 23000,
      cancelledAmount: 22000,
    });
    expect(r.byTable).toEqual([
      { tableNumber: 2, sessions: 1, revenue: 42000 },
      { tableNumber: 3, sessions: 1, revenue: 4000 },
    ]);
  });

  it('equals the direct sums of the orders after the mix of operations', async () => {
    const db = t.runtime.ctx.db;
    const storeId = (
      await db.selectFrom('stores').select('id').where('identifier', '=', 'store-a').executeTakeFirstOrThrow()
    ).id;
    for (const [from, to] of [
      ['2026-03-09', '2026-03-09'],
      ['2026-03-10', '2026-03-10'],
      ['2026-03-01', '2026-03-31'],
    ] as const) {
      const r = await report(`?from=${from}&to=${to}`);
      const d = await directSales(
        db,
        storeId,
        startOfLocalDate(from, 'Asia/Seoul'),
        startOfLocalDate(addDays(to, 1), 'Asia/Seoul'),
      );
      expect(r.totals).toMatchObject({
        orders: d.orders,
        revenue: d.revenue,
        sessions: d.sessions,
        cancelledAmount: d.cancelledAmount,
      });
      expect(
        new Map(r.byItem.map((i) => [i.menuItemId, { quantity: i.quantity, revenue: i.revenue }])),
      ).toEqual(d.byItem);
    }
  });

  it("holds the same rows as migration 0010's backfill computes from the orders", async () => {
    const db = t.runtime.ctx.db;
    const tables = ['sales_hours', 'sales_items', 'sales_sessions'] as const;
    const snapshot = async () => {
      const out: Record<string, string[]> = {};
      for (const table of tables) {
        const rows = (await db.selectFrom(table).selectAll().execute()) as Record<string, unknown>[];
        // The ledger may keep a row that went back to zero (a line cancelled to 0): nothing to count.
        out[table] = rows
          .filter((r) => ['orders', 'revenue', 'cancelled', 'quantity'].some((k) => Number(r[k] ?? 0) !== 0))
          .map((r) =>
            JSON.stringify(Object.entries(r).map(([k, v]) => [k, Number.isNaN(Number(v)) ? v : Number(v)])),
          )
          .sort();
      }
      return out;
    };
    const ledger = await snapshot();
    expect(ledger.sales_hours!.length).toBeGreaterThan(3);
    for (const table of tables) await db.deleteFrom(table).execute();
    await backfillSales(db);
    expect(await snapshot()).toEqual(ledger);
  });

  it('moves orders between days when the store changes its time zone', async () => {
    const patch = await s.admin.patch('/api/v1/admin/store', { timeZone: 'UTC' });
    expect(patch.status, JSON.stringify(patch.body)).toBe(200);
    const r = await report('?from=2026-03-10&to=2026-03-10');
    expect(r.totals).toEqual({
      orders: 2,
      sessions: 2,
      revenue: 26000,
      averagePerSession: 13000,
      cancelledAmount: 22000,
    });
    expect(r.byHour.filter((h) => h.orders > 0)).toEqual([
      { hour: 3, orders: 1, revenue: 22000 },
      { hour: 4, orders: 1, revenue: 4000 },
    ]);
    const day9 = await report('?from=2026-03-09&to=2026-03-09');
    expect(day9.totals.revenue).toBe(20000);
    expect(day9.byHour.filter((h) => h.orders > 0)).toEqual([
      { hour: 14, orders: 1, revenue: 18000 },
      { hour: 15, orders: 1, revenue: 2000 },
    ]);
  });
});
