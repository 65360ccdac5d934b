// Group commit of one store's orders (StoreBatcher): concurrent orders share transactions, yet each is
// answered, numbered and fails on its own.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, onMysql, seedStore, type StoreFixture, type TestApp } from '../../../test/harness.js';
import { AppError } from '../../shared/errors.js';
import { listEventsAfter } from '../events/index.js';
import { OrdersService, type PlacedOrder } from './orders.service.js';

describe('orders of one store placed at once (group commit)', () => {
  let t: TestApp;
  let s: StoreFixture;
  let storeId: number;
  let service: OrdersService;
  const body = (quantity = 1) => ({ items: [{ menuItemId: s.items[0]!.id, quantity }] });

  beforeAll(async () => {
    t = await createTestApp({ JWT_EXPIRE_HOURS: '720' });
    s = await seedStore(t, 'batch-store', { tables: 4 });
    storeId = (
      await t.runtime.ctx.db
        .selectFrom('stores')
        .select('id')
        .where('identifier', '=', 'batch-store')
        .executeTakeFirstOrThrow()
    ).id;
    service = new OrdersService(t.runtime.ctx);
  });
  afterAll(() => t.close());

  const seqsOfStore = async () =>
    (
      await t.runtime.ctx.db
        .selectFrom('orders')
        .select('seq')
        .where('store_id', '=', storeId)
        .orderBy('seq')
        .execute()
    ).map((r) => r.seq);

  it('writes concurrent orders in fewer transactions than orders, numbered 1…n with events in number order', async () => {
    const transaction = vi.spyOn(t.runtime.ctx.db, 'transaction');
    const placed = await Promise.all(
      Array.from({ length: 30 }, (_, i) => service.place(storeId, s.tables[i % 4]!.id, body(1 + (i % 3)))),
    );
    const transactions = transaction.mock.calls.length;
    transaction.mockRestore();
    expect(transactions).toBeGreaterThan(0);
    expect(transactions).toBeLessThan(30);
    expect(placed.every((p) => !p.replayed)).toBe(true);
    const numbers = placed.map((p) => Number(p.order.orderNumber.split('-')[1]));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(await seqsOfStore()).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // Each answer is its own order, with its own lines.
    expect(placed.map((p) => p.order.items[0]!.quantity)).toEqual(
      Array.from({ length: 30 }, (_, i) => 1 + (i % 3)),
    );
    // One session per table, however its first orders were batched.
    const sessions = new Map<number, Set<number>>();
    for (const p of placed)
      sessions.set(p.order.tableId, (sessions.get(p.order.tableId) ?? new Set()).add(p.order.sessionId));
    expect([...sessions.values()].map((x) => x.size)).toEqual([1, 1, 1, 1]);
    // One order.created per order; in event id order, the numbers increase.
    const events = await listEventsAfter(t.runtime.ctx.db, storeId, 0, 1000);
    const created = events.filter((e) => e.type === 'order.created');
    expect(created).toHaveLength(30);
    const inIdOrder = created.map((e) => (e.payload as { orderNumber: string }).orderNumber);
    expect(inIdOrder).toEqual([...inIdOrder].sort());
  });

  it('orders arriving over HTTP with idempotency keys share transactions too', async () => {
    // Each request first looks its key up; on SQLite that answers synchronously, so a batch started at
    // once would hold only the first order (every order its own transaction and commit).
    const tablets = await Promise.all(s.tables.map((table) => s.tableClient(table.number)));
    const before = (await seqsOfStore()).length;
    const transaction = vi.spyOn(t.runtime.ctx.db, 'transaction');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        tablets[i % tablets.length]!.post('/api/v1/table/orders', body(), {
          'idempotency-key': `http-batch-${i}`,
        }),
      ),
    );
    const transactions = transaction.mock.calls.length;
    transaction.mockRestore();
    expect(answers.map((a) => a.status)).toEqual(Array(40).fill(201));
    expect(transactions).toBeLessThanOrEqual(10);
    expect(await seqsOfStore()).toEqual(Array.from({ length: before + 40 }, (_, i) => i + 1));
  });

  it('an order that fails inside a batch fails alone; the others are placed and numbers stay gap-free', async () => {
    const before = (await seqsOfStore()).length;
    const gone = s.tables[3]!.id;
    await t.runtime.ctx.db
      .updateTable('dining_tables')
      .set({ deleted_at: t.clock.now(), live_number: null })
      .where('id', '=', gone)
      .execute();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) =>
        i === 5
          ? service.place(storeId, gone, body())
          : i === 8
            ? service.place(storeId, s.tables[0]!.id, { items: [{ menuItemId: 999_999, quantity: 1 }] })
            : service.place(storeId, s.tables[i % 3]!.id, body()),
      ),
    );
    const failed = results.flatMap((r, i) => (r.status === 'rejected' ? [i] : []));
    expect(failed).toEqual([5, 8]);
    const reasons = [results[5], results[8]].map((r) =>
      r?.status === 'rejected' && r.reason instanceof AppError ? r.reason.status : 0,
    );
    expect(reasons[0]).toBe(401); // the table no longer exists
    expect(reasons[1]).toBeGreaterThanOrEqual(400); // unknown dish: refused before the lock
    expect(reasons[1]).toBeLessThan(500);
    const seqs = await seqsOfStore();
    expect(seqs).toHaveLength(before + 10);
    expect(seqs).toEqual(Array.from({ length: before + 10 }, (_, i) => i + 1));
  });

  it('requests with one idempotency key in one batch make one order; the others replay it', async () => {
    const before = (await seqsOfStore()).length;
    const key = 'same-key-in-a-batch';
    const results: PlacedOrder[] = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? service.place(storeId, s.tables[0]!.id, body(2), key)
          : service.place(storeId, s.tables[1]!.id, body(1), `other-${i}`),
      ),
    );
    const same = results.filter((_, i) => i % 2 === 0);
    expect(new Set(same.map((r) => r.order.id)).size).toBe(1);
    expect(same.filter((r) => !r.replayed)).toHaveLength(1);
    const others = results.filter((_, i) => i % 2 === 1);
    expect(new Set(others.map((r) => r.order.id)).size).toBe(5);
    const seqs = await seqsOfStore();
    expect(seqs).toEqual(Array.from({ length: before + 6 }, (_, i) => i + 1));
    // Later, the same key answers the same order.
    const again = await service.place(storeId, s.tables[0]!.id, body(2), key);
    expect(again).toMatchObject({ replayed: true, order: { id: same[0]!.order.id } });
  });

  it("concurrent retries each answer their own earlier order (on MySQL the store's key lookups share a query)", async () => {
    const keys = Array.from({ length: 12 }, (_, i) => ({
      table: s.tables[i % 3]!.id,
      key: `retry-${i}`,
      q: 1 + (i % 3),
    }));
    const first = await Promise.all(keys.map((k) => service.place(storeId, k.table, body(k.q), k.key)));
    const before = (await seqsOfStore()).length;
    const selectFrom = vi.spyOn(t.runtime.ctx.db, 'selectFrom');
    const again = await Promise.all(keys.map((k) => service.place(storeId, k.table, body(k.q), k.key)));
    const orderReads = selectFrom.mock.calls.filter(([table]) => table === 'orders').length;
    selectFrom.mockRestore();
    expect(again.every((r) => r.replayed)).toBe(true);
    expect(again.map((r) => r.order.id)).toEqual(first.map((r) => r.order.id));
    expect(again.map((r) => r.order.items[0]!.quantity)).toEqual(keys.map((k) => k.q));
    expect((await seqsOfStore()).length).toBe(before);
    // MySQL's twelve lookups are one round trip (SQLite answers each in-process, from a compiled query).
    if (onMysql) expect(orderReads).toBe(1);
    // A retry with the same key but another body is still refused, in a shared query too.
    const mixed = await Promise.allSettled([
      service.place(storeId, keys[0]!.table, body(3), keys[0]!.key),
      service.place(storeId, keys[1]!.table, body(keys[1]!.q), keys[1]!.key),
    ]);
    expect(mixed[0]).toMatchObject({ status: 'rejected', reason: { code: 'idempotency_key_reused' } });
    expect(mixed[1]).toMatchObject({ status: 'fulfilled', value: { replayed: true } });
  });

  it('prices from the menu kept per menu version, and the next order sees a menu change at once', async () => {
    const item = s.items[1]!;
    const first = await service.place(storeId, s.tables[0]!.id, {
      items: [{ menuItemId: item.id, quantity: 1 }],
    });
    expect(first.order.items[0]).toMatchObject({ unitPrice: item.price, name: item.name });
    expect((await s.admin.patch(`/api/v1/admin/menu-items/${item.id}`, { price: 7_777 })).status).toBe(200);
    const repriced = await service.place(storeId, s.tables[0]!.id, {
      items: [{ menuItemId: item.id, quantity: 1 }],
    });
    expect(repriced.order.items[0]).toMatchObject({ unitPrice: 7_777 });
    expect((await s.admin.patch(`/api/v1/admin/menu-items/${item.id}`, { soldOut: true })).status).toBe(200);
    await expect(
      service.place(storeId, s.tables[0]!.id, { items: [{ menuItemId: item.id, quantity: 1 }] }),
    ).rejects.toMatchObject({ status: 409 });
    await s.admin.patch(`/api/v1/admin/menu-items/${item.id}`, { soldOut: false, price: item.price });
  });
});
