// Races over real HTTP: a listening server, many simultaneous requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, seedStore, type StoreFixture, type TestApp } from './harness.js';

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

describe('a table deleted while its first order is placed', () => {
  let t: TestApp;
  let s: StoreFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-race', { tables: 0 });
  });
  afterAll(() => t.close());

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('serialises: either the order wins and the delete is 409, or the delete wins and the order is 401', async () => {
    for (let i = 0; i < 40; i++) {
      const number = 100 + i;
      const created = await s.admin.post<{ id: number }>('/api/v1/admin/tables', {
        number,
        password: 'pw-race',
      });
      expect(created.status).toBe(201);
      const tableId = created.body.id;
      const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
        storeIdentifier: s.identifier,
        tableNumber: number,
        password: 'pw-race',
      });
      const tab = client(t.app, login.body.accessToken);
      // The delete starts 0-7 ms after the order, so it lands in every phase of the order's transaction.
      const [ordered, deleted] = await Promise.all([
        tab.post('/api/v1/table/orders', { items: [{ menuItemId: s.items[0]!.id, quantity: 1 }] }),
        sleep(i % 8).then(() => s.admin.delete(`/api/v1/admin/tables/${tableId}`)),
      ]);
      const key = `${ordered.status}/${deleted.status}`;
      expect(['201/409', '401/204'], key).toContain(key);
      if (ordered.status === 201) {
        // The order's session is on the board and can be checked out.
        const board = await s.admin.get('/api/v1/admin/dashboard');
        const row = board.body.tables.find((x: { id: number }) => x.id === tableId);
        expect(row?.sessionId).toBe(ordered.body.sessionId);
        expect((await s.admin.post(`/api/v1/admin/tables/${tableId}/checkout`)).status).toBe(200);
        expect((await s.admin.delete(`/api/v1/admin/tables/${tableId}`)).status).toBe(204);
      } else {
        expect(ordered.body.error).toBe('token_revoked');
      }
    }
    // Nothing is left behind in a session no list shows.
    const orphans = await t.runtime.ctx.db
      .selectFrom('table_sessions')
      .innerJoin('dining_tables', 'dining_tables.id', 'table_sessions.table_id')
      .select('table_sessions.id')
      .where('table_sessions.completed_at', 'is', null)
      .where('dining_tables.deleted_at', 'is not', null)
      .execute();
    expect(orphans).toEqual([]);
  });
});
