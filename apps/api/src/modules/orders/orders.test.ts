import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';
import { listEventsAfter } from '../events/index.js';

const HOUR = 3600_000;

describe('orders, sessions and history', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tab1: Client;
  let tab2: Client;
  const line = (i: number, quantity = 1) => ({ menuItemId: a.items[i]!.id, quantity });

  beforeAll(async () => {
    // Tokens live 30 days here: the suite moves the clock across days.
    t = await createTestApp({ JWT_EXPIRE_HOURS: '720' });
    a = await seedStore(t, 'store-a', { tables: 3 });
    b = await seedStore(t, 'store-b', { tables: 1 });
    tab1 = await a.tableClient(1);
    tab2 = await a.tableClient(2);
  });
  afterAll(() => t.close());

  it('places an order with server-side prices and a store-local order number, opening a session', async () => {
    expect((await tab1.get('/api/v1/table/orders')).body).toEqual({ orders: [] });
    const r = await tab1.post('/api/v1/table/orders', {
      items: [{ ...line(0, 2), price: 1, unitPrice: 1 }, line(2, 3)],
      note: '  덜 맵게 ',
      totalAmount: 5,
    });
    expect(r.status).toBe(201);
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    // 2026-03-10T03:00Z is 12:00 in Seoul.
    expect(r.body.orderNumber).toBe('20260310-0001');
    expect(r.body).toMatchObject({
      tableId: a.tables[0]!.id,
      tableNumber: 1,
      status: 'pending',
      note: '덜 맵게',
      totalAmount: 2 * 9000 + 3 * 2000,
      createdAt: '2026-03-10T03:00:00.000Z',
      items: [
        { menuItemId: a.items[0]!.id, name: '김치찌개', unitPrice: 9000, quantity: 2, subtotal: 18000 },
        { menuItemId: a.items[2]!.id, name: '콜라', unitPrice: 2000, quantity: 3, subtotal: 6000 },
      ],
    });
    expect(typeof r.body.sessionId).toBe('number');
    const tables = await a.admin.get('/api/v1/admin/tables');
    expect(tables.body.items.find((x: { id: number }) => x.id === a.tables[0]!.id).sessionId).toBe(
      r.body.sessionId,
    );

    const second = await tab1.post('/api/v1/table/orders', { items: [line(1)] });
    expect(second.body.orderNumber).toBe('20260310-0002');
    expect(second.body.sessionId).toBe(r.body.sessionId);
    const mine = await tab1.get('/api/v1/table/orders');
    expect(mine.body.orders.map((o: { id: number }) => o.id)).toEqual([second.body.id, r.body.id]);
    expect((await tab2.get('/api/v1/table/orders')).body.orders).toEqual([]);
  });

  it('keeps the snapshot when the menu changes later', async () => {
    const r = await tab2.post('/api/v1/table/orders', { items: [line(1)] });
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[1]!.id}`, { name: '된장찌개(대)', price: 12000 });
    const again = await a.admin.get(`/api/v1/admin/orders/${r.body.id}`);
    expect(again.body.items[0]).toMatchObject({ name: '된장찌개', unitPrice: 8500 });
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[1]!.id}`, { name: '된장찌개', price: 8500 });
  });

  it('refuses sold-out and deleted items with 409 naming them, unknown items with 422, and writes nothing', async () => {
    const before = await t.runtime.ctx.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[3]!.id}`, { soldOut: true });
    const sold = expectError(
      await tab2.post('/api/v1/table/orders', { items: [line(0), line(3)] }),
      409,
      'menu_items_unavailable',
    );
    expect(sold.message).toContain('사이다');
    expect((sold as { details?: unknown[] }).details).toEqual([
      { menuItemId: a.items[3]!.id, name: '사이다', reason: 'sold_out' },
    ]);

    const temp = await a.admin.post('/api/v1/admin/menu-items', {
      categoryId: a.categories[0]!.id,
      name: '임시메뉴',
      price: 100,
    });
    await a.admin.delete(`/api/v1/admin/menu-items/${temp.body.id}`);
    const gone = expectError(
      await tab2.post('/api/v1/table/orders', { items: [{ menuItemId: temp.body.id, quantity: 1 }] }),
      409,
    );
    expect(gone.message).toContain('임시메뉴');

    expectError(
      await tab2.post('/api/v1/table/orders', { items: [{ menuItemId: 987654, quantity: 1 }] }),
      422,
      'unknown_menu_item',
    );
    expectError(
      await tab2.post('/api/v1/table/orders', { items: [{ menuItemId: b.items[0]!.id, quantity: 1 }] }),
      422,
      'unknown_menu_item',
    );
    const after = await t.runtime.ctx.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[3]!.id}`, { soldOut: false });
  });

  it('validates order bodies', async () => {
    const bad = [
      {},
      { items: [] },
      { items: Array.from({ length: 31 }, () => line(0)) },
      { items: [line(0, 0)] },
      { items: [line(0, 100)] },
      { items: [{ menuItemId: a.items[0]!.id, quantity: 1.5 }] },
      { items: [{ menuItemId: 'x', quantity: 1 }] },
      { items: [{ menuItemId: -3, quantity: 1 }] },
      { items: [line(0)], note: 'x'.repeat(201) },
      { items: [line(0)], note: 5 },
      { items: 'all' },
    ];
    for (const body of bad)
      expectError(await tab2.post('/api/v1/table/orders', body), 422, 'validation_failed');
    expect(
      (
        await tab2.post('/api/v1/table/orders', {
          items: Array.from({ length: 30 }, () => line(0, 99)),
          note: 'n'.repeat(200),
        })
      ).status,
    ).toBe(201);
  });

  it('is idempotent: the same key returns the same order; another body with it is 422', async () => {
    const key = crypto.randomUUID();
    const body = { items: [line(0), line(2, 2)], note: 'idem' };
    const first = await tab1.post('/api/v1/table/orders', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const repeat = await tab1.post('/api/v1/table/orders', body, { 'idempotency-key': key });
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expectError(
      await tab1.post('/api/v1/table/orders', { ...body, note: 'other' }, { 'idempotency-key': key }),
      422,
      'idempotency_key_reused',
    );
    const count = (await tab1.get('/api/v1/table/orders')).body.orders.filter(
      (o: { note: string }) => o.note === 'idem',
    );
    expect(count).toHaveLength(1);
    // Keys are per table: another table may use the same key for its own order.
    const other = await tab2.post('/api/v1/table/orders', body, { 'idempotency-key': key });
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expectError(await tab1.post('/api/v1/table/orders', body, { 'idempotency-key': 'short' }), 422);
    expectError(
      await tab1.post('/api/v1/table/orders', body, { 'idempotency-key': 'bad key with spaces' }),
      422,
    );
  });

  it('moves status forward only (skipping allowed), and reports each move as an event', async () => {
    const o = (await tab1.post('/api/v1/table/orders', { items: [line(0)] })).body;
    const toPrep = await a.admin.patch(`/api/v1/admin/orders/${o.id}`, { status: 'preparing' });
    expect(toPrep.status).toBe(200);
    expect(toPrep.body.status).toBe('preparing');
    expectError(
      await a.admin.patch(`/api/v1/admin/orders/${o.id}`, { status: 'pending' }),
      409,
      'invalid_status_transition',
    );
    expect((await a.admin.patch(`/api/v1/admin/orders/${o.id}`, { status: 'completed' })).body.status).toBe(
      'completed',
    );
    expectError(await a.admin.patch(`/api/v1/admin/orders/${o.id}`, { status: 'preparing' }), 409);
    const skip = (await tab1.post('/api/v1/table/orders', { items: [line(0)] })).body;
    expect(
      (await a.admin.patch(`/api/v1/admin/orders/${skip.id}`, { status: 'completed' })).body.status,
    ).toBe('completed');
    expectError(await a.admin.patch(`/api/v1/admin/orders/${skip.id}`, { status: 'cancelled' }), 422);
    expect(
      (await tab1.get('/api/v1/table/orders')).body.orders.find((x: { id: number }) => x.id === o.id).status,
    ).toBe('completed');
    const events = await t.runtime.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'order.updated')
      .orderBy('id')
      .execute();
    expect(events.map((e) => JSON.parse(e.payload) as unknown).slice(-3)).toMatchObject([
      { orderId: o.id, tableId: a.tables[0]!.id, status: 'preparing' },
      { orderId: o.id, tableId: a.tables[0]!.id, status: 'completed' },
      { orderId: skip.id, tableId: a.tables[0]!.id, status: 'completed' },
    ]);
  });

  it('deletes an order of an open session, answering the new table total', async () => {
    const t3 = await a.tableClient(3);
    const o1 = (await t3.post('/api/v1/table/orders', { items: [line(0)] })).body;
    const o2 = (await t3.post('/api/v1/table/orders', { items: [line(2, 2)] })).body;
    const r = await a.admin.delete(`/api/v1/admin/orders/${o1.id}`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ tableTotal: 4000 });
    expectError(await a.admin.get(`/api/v1/admin/orders/${o1.id}`), 404);
    expectError(await a.admin.delete(`/api/v1/admin/orders/${o1.id}`), 404);
    expect((await t3.get('/api/v1/table/orders')).body.orders.map((o: { id: number }) => o.id)).toEqual([
      o2.id,
    ]);
    const board = await a.admin.get('/api/v1/admin/dashboard');
    const card = board.body.tables.find((x: { number: number }) => x.number === 3);
    expect(card).toMatchObject({ totalAmount: 4000, orderCount: 1 });
    expect(card.latestOrders.map((o: { id: number }) => o.id)).toEqual([o2.id]);
    const audit = await t.runtime.ctx.db
      .selectFrom('orders')
      .select('deleted_at')
      .where('id', '=', o1.id)
      .executeTakeFirstOrThrow();
    expect(audit.deleted_at).not.toBeNull();
  });

  it('checks a table out: closes the session, resets the live list, keeps the orders in history', async () => {
    const t3 = await a.tableClient(3);
    const live = (await a.admin.get(`/api/v1/admin/tables/${a.tables[2]!.id}/orders`)).body.orders;
    expect(live.length).toBeGreaterThan(0);
    t.clock.advance(HOUR);
    const r = await a.admin.post(`/api/v1/admin/tables/${a.tables[2]!.id}/checkout`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      sessionId: live[0].sessionId,
      completedAt: new Date(t.clock.now()).toISOString(),
      total: 4000,
    });
    expect((await a.admin.get(`/api/v1/admin/tables/${a.tables[2]!.id}/orders`)).body).toEqual({
      orders: [],
    });
    expect((await t3.get('/api/v1/table/orders')).body).toEqual({ orders: [] });
    const board = await a.admin.get('/api/v1/admin/dashboard');
    expect(board.body.tables.find((x: { number: number }) => x.number === 3)).toMatchObject({
      sessionId: null,
      totalAmount: 0,
      orderCount: 0,
      latestOrders: [],
    });
    expectError(await a.admin.post(`/api/v1/admin/tables/${a.tables[2]!.id}/checkout`), 409, 'table_idle');
    // Closed-session orders cannot be deleted, but stay readable.
    expectError(await a.admin.delete(`/api/v1/admin/orders/${live[0].id}`), 409, 'session_closed');
    expect((await a.admin.get(`/api/v1/admin/orders/${live[0].id}`)).body.completedAt).toBe(
      r.body.completedAt,
    );

    const hist = await a.admin.get(`/api/v1/admin/tables/${a.tables[2]!.id}/history`);
    expect(hist.status).toBe(200);
    expect(hist.body.orders.map((o: { id: number }) => o.id)).toEqual(live.map((o: { id: number }) => o.id));
    expect(hist.body.orders[0].completedAt).toBe(r.body.completedAt);
    expect(hist.body.nextCursor).toBeNull();

    // The next party starts empty with a new session.
    const next = await t3.post('/api/v1/table/orders', { items: [line(0)] });
    expect(next.body.sessionId).not.toBe(live[0].sessionId);
    expect((await t3.get('/api/v1/table/orders')).body.orders).toHaveLength(1);
    const checkoutEvent = await t.runtime.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'table.checked_out')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(checkoutEvent.payload)).toEqual({
      tableId: a.tables[2]!.id,
      sessionId: live[0].sessionId,
      completedAt: r.body.completedAt,
    });
  });

  it('filters history by store-local dates (default last 7 days), newest first, paged', async () => {
    const t4 = await a.admin.post('/api/v1/admin/tables', { number: 4, password: 'pw-4' });
    const tab4 = await a.tableClient(4);
    const checkoutAt: string[] = [];
    // Three sessions on three local days, two orders each. 2026-03-10 12:00 KST + n days.
    for (let day = 0; day < 3; day++) {
      await tab4.post('/api/v1/table/orders', { items: [line(0)] });
      await tab4.post('/api/v1/table/orders', { items: [line(2)] });
      checkoutAt.push((await a.admin.post(`/api/v1/admin/tables/${t4.body.id}/checkout`)).body.completedAt);
      t.clock.advance(24 * HOUR);
    }
    const url = `/api/v1/admin/tables/${t4.body.id}/history`;
    const all = await a.admin.get(url);
    expect(all.body.orders).toHaveLength(6);
    const times = all.body.orders.map((o: { completedAt: string }) => o.completedAt);
    expect(times).toEqual([...times].sort().reverse());

    const days = checkoutAt.map((iso) => new Date(Date.parse(iso) + 9 * HOUR).toISOString().slice(0, 10));
    const one = await a.admin.get(`${url}?from=${days[1]}&to=${days[1]}`);
    expect(one.body.orders).toHaveLength(2);
    expect(one.body.orders.every((o: { completedAt: string }) => o.completedAt === checkoutAt[1])).toBe(true);

    const page1 = await a.admin.get(`${url}?from=${days[0]}&to=${days[2]}&limit=4`);
    expect(page1.body.orders).toHaveLength(4);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await a.admin.get(
      `${url}?from=${days[0]}&to=${days[2]}&limit=4&cursor=${page1.body.nextCursor}`,
    );
    expect(page2.body.orders).toHaveLength(2);
    expect(page2.body.nextCursor).toBeNull();
    const ids = [...page1.body.orders, ...page2.body.orders].map((o: { id: number }) => o.id);
    expect(new Set(ids).size).toBe(6);
    expect(ids).toEqual(all.body.orders.map((o: { id: number }) => o.id));

    // The default window is the last 7 local days.
    t.clock.advance(8 * 24 * HOUR);
    expect((await a.admin.get(url)).body.orders).toHaveLength(0);

    expectError(await a.admin.get(`${url}?from=2026-13-01`), 422);
    expectError(await a.admin.get(`${url}?from=2026-02-30`), 422);
    expectError(await a.admin.get(`${url}?from=2026-03-05&to=2026-03-01`), 422);
    expectError(await a.admin.get(`${url}?cursor=garbage!`), 422);
    expectError(await a.admin.get(`${url}?limit=0`), 422);
    expectError(await a.admin.get(`${url}?limit=101`), 422);
  });

  it('restarts order numbers on a new local day', async () => {
    // Move to 23:59 KST, order, then cross midnight.
    const now = t.clock.now();
    const kst = new Date(now + 9 * HOUR);
    const nextMidnightKst =
      Date.UTC(kst.getUTCFullYear(), kst.getUTCMonth(), kst.getUTCDate() + 1) - 9 * HOUR;
    t.clock.ms = nextMidnightKst - 60_000;
    const late = await tab2.post('/api/v1/table/orders', { items: [line(0)] });
    t.clock.ms = nextMidnightKst + 60_000;
    const early = await tab2.post('/api/v1/table/orders', { items: [line(0)] });
    const lateDate = late.body.orderNumber.split('-')[0];
    const earlyDate = early.body.orderNumber.split('-')[0];
    expect(Number(earlyDate)).toBeGreaterThan(Number(lateDate));
    expect(early.body.orderNumber).toBe(`${earlyDate}-0001`);
  });

  it('shows every table on the dashboard in number order with totals and the latest 3 orders', async () => {
    for (let i = 0; i < 4; i++) await tab1.post('/api/v1/table/orders', { items: [line(2)] });
    const r = await a.admin.get('/api/v1/admin/dashboard');
    expect(r.status).toBe(200);
    expect(r.body.tables.map((x: { number: number }) => x.number)).toEqual([1, 2, 3, 4]);
    const card = r.body.tables[0];
    const live = (await a.admin.get(`/api/v1/admin/tables/${a.tables[0]!.id}/orders`)).body.orders;
    expect(card.orderCount).toBe(live.length);
    expect(card.totalAmount).toBe(
      live.reduce((s: number, o: { totalAmount: number }) => s + o.totalAmount, 0),
    );
    expect(card.latestOrders.map((o: { id: number }) => o.id)).toEqual(
      live.slice(0, 3).map((o: { id: number }) => o.id),
    );
    expect(card.latestOrders[0].items.length).toBeGreaterThan(0);
    // Store B's board is its own.
    const other = await b.admin.get('/api/v1/admin/dashboard');
    expect(other.body.tables).toHaveLength(1);
    expect(other.body.tables[0].orderCount).toBe(0);
  });

  it('hides another store’s orders as 404', async () => {
    const o = (await tab1.post('/api/v1/table/orders', { items: [line(0)] })).body;
    expectError(await b.admin.get(`/api/v1/admin/orders/${o.id}`), 404);
    expectError(await b.admin.patch(`/api/v1/admin/orders/${o.id}`, { status: 'completed' }), 404);
    expectError(await b.admin.delete(`/api/v1/admin/orders/${o.id}`), 404);
    expect((await a.admin.get(`/api/v1/admin/orders/${o.id}`)).body.status).toBe('pending');
  });
});

describe('dashboard attention: pending and preparing counts per table', () => {
  let t: TestApp;
  let a: StoreFixture;
  let storeId: number;

  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 2 });
    const store = await t.runtime.ctx.db
      .selectFrom('stores')
      .select('id')
      .where('identifier', '=', 'store-a')
      .executeTakeFirstOrThrow();
    storeId = store.id;
  });
  afterAll(() => t.close());

  interface Card {
    id: number;
    orderCount: number;
    latestOrders: { id: number }[];
    oldestPendingOrder: { id: number; status: string; items: { quantity: number }[] } | null;
    pendingCount: number;
    preparingCount: number;
    oldestPendingAt: string | null;
  }
  const board = async () => (await a.admin.get<{ tables: Card[] }>('/api/v1/admin/dashboard')).body.tables;
  const lastEvent = async (type: string) => {
    const events = await listEventsAfter(t.runtime.ctx.db, storeId, 0, 10_000);
    return events.filter((e) => e.type === type).at(-1)?.payload as Record<string, unknown>;
  };

  it('counts every pending and preparing order of the open session, not only the latest 3', async () => {
    const tab = await a.tableClient(1);
    const item = { menuItemId: a.items[0]!.id, quantity: 1 };
    const placed: { id: number; createdAt: string }[] = [];
    for (let i = 0; i < 6; i++) {
      placed.push((await tab.post('/api/v1/table/orders', { items: [item] })).body);
      t.clock.advance(60_000);
    }
    // The oldest two stay pending; the newer four are preparing, completed or deleted.
    const [, , o3, o4, o5, o6] = placed;
    expect((await a.admin.patch(`/api/v1/admin/orders/${o3!.id}`, { status: 'preparing' })).status).toBe(200);
    expect((await a.admin.patch(`/api/v1/admin/orders/${o4!.id}`, { status: 'completed' })).status).toBe(200);
    expect((await a.admin.patch(`/api/v1/admin/orders/${o5!.id}`, { status: 'preparing' })).status).toBe(200);
    expect((await a.admin.delete(`/api/v1/admin/orders/${o6!.id}`)).status).toBe(200);

    const [t1, t2] = await board();
    expect(t1!.latestOrders.map((o) => o.id)).toEqual([o5!.id, o4!.id, o3!.id]);
    expect(t1).toMatchObject({
      orderCount: 5,
      pendingCount: 2,
      preparingCount: 2,
      oldestPendingAt: placed[0]!.createdAt,
    });
    expect(t2).toMatchObject({ pendingCount: 0, preparingCount: 0, oldestPendingAt: null });
    // The oldest pending order comes whole, though it is older than the latest 3 (a board shows it).
    expect(t1!.oldestPendingOrder).toMatchObject({
      id: placed[0]!.id,
      status: 'pending',
      items: [{ quantity: 1 }],
    });
    expect(t2!.oldestPendingOrder).toBeNull();

    // The events carry the table's counts after the change, so a live board stays right.
    expect(await lastEvent('order.deleted')).toMatchObject({
      pendingCount: 2,
      preparingCount: 2,
      oldestPendingAt: placed[0]!.createdAt,
    });
    await a.admin.patch(`/api/v1/admin/orders/${placed[0]!.id}`, { status: 'preparing' });
    expect(await lastEvent('order.updated')).toEqual({
      orderId: placed[0]!.id,
      tableId: a.tables[0]!.id,
      status: 'preparing',
      pendingCount: 1,
      preparingCount: 3,
      oldestPendingAt: placed[1]!.createdAt,
    });
    expect((await board())[0]).toMatchObject({
      pendingCount: 1,
      preparingCount: 3,
      oldestPendingAt: placed[1]!.createdAt,
      oldestPendingOrder: { id: placed[1]!.id },
    });

    // Checkout clears them.
    expect((await a.admin.post(`/api/v1/admin/tables/${a.tables[0]!.id}/checkout`)).status).toBe(200);
    expect((await board())[0]).toMatchObject({
      pendingCount: 0,
      preparingCount: 0,
      oldestPendingAt: null,
      oldestPendingOrder: null,
    });
  });

  it('documents the counts in OpenAPI', async () => {
    const doc = (await a.admin.get('/openapi.json')).body as {
      components: { schemas: { Dashboard: { properties: { tables: { items: { required: string[] } } } } } };
    };
    const required = doc.components.schemas.Dashboard.properties.tables.items.required;
    expect(required).toEqual(
      expect.arrayContaining(['pendingCount', 'preparingCount', 'oldestPendingAt', 'oldestPendingOrder']),
    );
  });
});
