// Staff calls and store settings on the live streams (SPEC 11): who receives call.created,
// call.acknowledged and store.changed, and that a reconnect replays them like every other event.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../src/modules/events/events.test-helpers.js';
import { client, createTestApp, seedStore, type StoreFixture, type TestApp } from './harness.js';

describe('calls and store settings on the live streams', () => {
  let t: TestApp;
  let base: string;
  let a: StoreFixture;
  let b: StoreFixture;
  const tokens: Record<string, string> = {};
  const streams: SseClient[] = [];

  const tableToken = async (s: StoreFixture, n: number) => {
    const r = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: s.identifier,
      tableNumber: n,
      password: `pw-${n}`,
    });
    expect(r.status).toBe(200);
    return r.body.accessToken;
  };
  const stream = async (path: string, token: string, lastEventId?: string) => {
    const r = await SseClient.open(`${base}${path}`, {
      token,
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    streams.push(r.client!);
    return r.client!;
  };
  /** Opens a stream and waits for its starting cursor. */
  const cursorOf = async (c: SseClient) => c.waitFor(() => c.lastEventId || undefined, 2000, 'cursor');
  const quiet = () => new Promise((r) => setTimeout(r, 50));

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = t.app.server.address();
    if (typeof addr !== 'object' || !addr) throw new Error('not listening');
    base = `http://127.0.0.1:${addr.port}`;
    a = await seedStore(t, 'store-a', { tables: 2 });
    b = await seedStore(t, 'store-b', { tables: 1 });
    tokens.a1 = await tableToken(a, 1);
    tokens.a2 = await tableToken(a, 2);
    tokens.b1 = await tableToken(b, 1);
  });
  afterEach(() => {
    for (const s of streams.splice(0)) s.close();
  });
  afterAll(async () => {
    // Streams closed by the client leave a spare fetch connection the server would wait for.
    t.app.server.closeAllConnections();
    await t.close();
  });

  it('sends call.created and call.acknowledged to the dashboards and that table only, replayed after reconnect', async () => {
    const admin = await stream('/api/v1/admin/events', a.adminToken);
    const table1 = await stream('/api/v1/table/events', tokens.a1!);
    const table2 = await stream('/api/v1/table/events', tokens.a2!);
    const adminB = await stream('/api/v1/admin/events', b.adminToken);
    const tableB = await stream('/api/v1/table/events', tokens.b1!);
    const cursor = await cursorOf(admin);

    const created = await client(t.app, tokens.a1).post('/api/v1/table/calls', {
      reasons: ['물'],
      message: '얼음 많이',
    });
    expect(created.status).toBe(201);
    expect(JSON.parse((await admin.nextOf('call.created')).data)).toEqual(created.body);
    expect(JSON.parse((await table1.nextOf('call.created')).data)).toEqual(created.body);

    const acked = await a.admin.post(`/api/v1/admin/calls/${created.body.id}/acknowledge`);
    const payload = {
      callId: created.body.id,
      tableId: a.tables[0]!.id,
      acknowledgedAt: acked.body.acknowledgedAt,
    };
    expect(JSON.parse((await admin.nextOf('call.acknowledged')).data)).toEqual(payload);
    expect(JSON.parse((await table1.nextOf('call.acknowledged')).data)).toEqual(payload);
    // A repeat acknowledgement is a no-op: nothing more is sent.
    expect((await a.admin.post(`/api/v1/admin/calls/${created.body.id}/acknowledge`)).status).toBe(200);
    await quiet();
    expect(admin.unread()).toEqual([]);
    expect(table1.unread()).toEqual([]);
    expect(table2.unread()).toEqual([]);
    expect(adminB.unread()).toEqual([]);
    expect(tableB.unread()).toEqual([]);

    // A dashboard and a tablet that were away get both again, in order; another table gets neither.
    for (const [path, token] of [
      ['/api/v1/admin/events', a.adminToken],
      ['/api/v1/table/events', tokens.a1!],
    ] as const) {
      const again = await stream(path, token, cursor);
      const missed = [await again.next(), await again.next()];
      expect(missed.map((m) => m.event)).toEqual(['call.created', 'call.acknowledged']);
      expect(JSON.parse(missed[1]!.data)).toEqual(payload);
    }
    const other = await stream('/api/v1/table/events', tokens.a2!, cursor);
    await quiet();
    expect(other.unread()).toEqual([]);
  });

  it('sends store.changed to every tablet and dashboard of the store, replayed after reconnect; a no-op sends nothing', async () => {
    const admin = await stream('/api/v1/admin/events', a.adminToken);
    const table1 = await stream('/api/v1/table/events', tokens.a1!);
    const table2 = await stream('/api/v1/table/events', tokens.a2!);
    const adminB = await stream('/api/v1/admin/events', b.adminToken);
    const tableB = await stream('/api/v1/table/events', tokens.b1!);
    const cursor = await cursorOf(table2);

    const r = await a.admin.patch('/api/v1/admin/store', {
      requestChips: ['곱빼기'],
      idleTimeoutSeconds: 60,
    });
    expect(r.status).toBe(200);
    // store.changed carries the tablets' view: no identifier, no kitchen display timers (dashboard-only).
    const { identifier, kitchenAmberMinutes, kitchenRedMinutes, ...view } = r.body as Record<string, unknown>;
    expect(identifier).toBe('store-a');
    expect([kitchenAmberMinutes, kitchenRedMinutes]).toEqual([10, 20]);
    for (const c of [admin, table1, table2]) {
      expect(JSON.parse((await c.nextOf('store.changed')).data)).toEqual(view);
    }
    // The same values again change nothing and send nothing.
    expect((await a.admin.patch('/api/v1/admin/store', { requestChips: ['곱빼기'] })).status).toBe(200);
    await quiet();
    for (const c of [admin, table1, table2, adminB, tableB]) expect(c.unread()).toEqual([]);

    const again = await stream('/api/v1/table/events', tokens.a2!, cursor);
    const replayed = await again.next();
    expect(replayed.event).toBe('store.changed');
    expect(JSON.parse(replayed.data)).toEqual(view);
  });

  it('checkout reaches the table as table.checked_out, which also ends its open calls', async () => {
    const table1 = await stream('/api/v1/table/events', tokens.a1!);
    const tab = client(t.app, tokens.a1);
    await tab.post('/api/v1/table/orders', { items: [{ menuItemId: a.items[0]!.id, quantity: 1 }] });
    await tab.post('/api/v1/table/calls', { reasons: ['앞접시'] });
    await table1.nextOf('call.created');
    expect((await a.admin.post(`/api/v1/admin/tables/${a.tables[0]!.id}/checkout`)).status).toBe(200);
    await table1.nextOf('table.checked_out');
    expect((await tab.get('/api/v1/table/calls')).body).toEqual({ calls: [] });
  });
});
