// Races over real HTTP: a listening server, many simultaneous requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type StoreFixture, type TestApp } from './harness.js';

describe('concurrency over real HTTP', () => {
  let t: TestApp;
  let s: StoreFixture;
  let base: string;
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 10 });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    for (let n = 1; n <= 10; n++) {
      const r = await fetch(`${base}/api/v1/auth/table/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ storeIdentifier: 'store-a', tableNumber: n, password: `pw-${n}` }),
      });
      tokens.push(((await r.json()) as { accessToken: string }).accessToken);
    }
  });
  afterAll(() => t.close());

  const order = (token: string, key?: string, quantity = 1) =>
    fetch(`${base}/api/v1/table/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: JSON.stringify({ items: [{ menuItemId: s.items[0]!.id, quantity }] }),
    });

  it('50 concurrent orders from 10 tables get 50 distinct order numbers', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => order(tokens[i % 10]!)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      orderNumber: string;
      sessionId: number;
      tableId: number;
    }[];
    const numbers = bodies.map((b) => b.orderNumber);
    expect(new Set(numbers).size).toBe(50);
    const seqs = numbers.map((n) => Number(n.split('-')[1])).sort((x, y) => x - y);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    // One session per table, even though its first orders raced.
    const sessionsPerTable = new Map<number, Set<number>>();
    for (const b of bodies)
      sessionsPerTable.set(b.tableId, (sessionsPerTable.get(b.tableId) ?? new Set()).add(b.sessionId));
    expect([...sessionsPerTable.values()].every((set) => set.size === 1)).toBe(true);
    const board = await s.admin.get('/api/v1/admin/dashboard');
    expect(board.body.tables.reduce((n: number, x: { orderCount: number }) => n + x.orderCount, 0)).toBe(50);
  });

  it('20 concurrent requests with one idempotency key create exactly one order', async () => {
    const key = crypto.randomUUID();
    const responses = await Promise.all(Array.from({ length: 20 }, () => order(tokens[0]!, key, 2)));
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const bodies = (await Promise.all(responses.map((r) => r.json()))) as {
      id: number;
      orderNumber: string;
    }[];
    expect(new Set(bodies.map((b) => b.id)).size).toBe(1);
    expect(new Set(bodies.map((b) => b.orderNumber)).size).toBe(1);
    const rows = await t.runtime.ctx.db
      .selectFrom('orders')
      .select('id')
      .where('idempotency_key', '=', key)
      .execute();
    expect(rows).toHaveLength(1);
  });
});
