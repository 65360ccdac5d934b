import { Order } from '@table-order/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, seedStore, type StoreFixture, type TestApp } from '../../../test/harness.js';
import { listEventRowsAfter } from './events.repository.js';
import { SseClient } from './events.test-helpers.js';

const HEARTBEAT_MS = 100;

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = t.app.server.address();
  if (typeof addr !== 'object' || !addr) throw new Error('not listening');
  return `http://127.0.0.1:${addr.port}`;
}

async function tableToken(t: TestApp, s: StoreFixture, number: number): Promise<string> {
  const r = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
    storeIdentifier: s.identifier,
    tableNumber: number,
    password: `pw-${number}`,
  });
  expect(r.status).toBe(200);
  return r.body.accessToken;
}

/**
 * Closes a test app whose streams were closed by the client. Node's fetch opens a spare connection when a
 * streaming request is aborted; the server counts it as awaiting headers, and close() would wait for it.
 */
async function closeApp(t: TestApp): Promise<void> {
  t.app.server.closeAllConnections();
  await t.close();
}

function expectErrorShape(res: { status: number; body?: unknown }, status: number) {
  expect(res.status).toBe(status);
  const body = res.body as { error: unknown; message: unknown };
  expect(body.error).toMatch(/^[a-z0-9_]+$/);
  expect(typeof body.message).toBe('string');
}

describe('live events over HTTP', () => {
  let t: TestApp;
  let base: string;
  let s: StoreFixture;
  let t1: string;
  let t2: string;
  const open: SseClient[] = [];

  const stream = async (path: string, token?: string, lastEventId?: number | string) => {
    const r = await SseClient.open(`${base}${path}`, {
      ...(token ? { token } : {}),
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
    if (r.client) open.push(r.client);
    return r;
  };
  const connected = async (path: string, token: string, lastEventId?: number | string) => {
    const r = await stream(path, token, lastEventId);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    if (!r.client) throw new Error('no stream');
    return r.client;
  };
  const order = async (tab: string, itemIndex = 0, quantity = 1) => {
    const r = await client(t.app, tab).post<{ id: number; tableId: number }>('/api/v1/table/orders', {
      items: [{ menuItemId: s.items[itemIndex]!.id, quantity }],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    t = await createTestApp({ EVENTS_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    base = await listen(t);
    s = await seedStore(t, 'store-a', { tables: 3 });
    t1 = await tableToken(t, s, 1);
    t2 = await tableToken(t, s, 2);
  });
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(() => closeApp(t));

  it('answers with SSE headers, a retry hint and a starting cursor', async () => {
    const r = await stream('/api/v1/admin/events', s.adminToken);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(r.headers.get('cache-control')).toBe('no-cache');
    expect(r.headers.get('x-accel-buffering')).toBe('no');
    expect(r.headers.get('content-encoding')).toBeNull();
    const c = r.client!;
    await c.waitFor(() => c.retry, 2000, 'retry');
    expect(c.retry).toBe(3000);
    expect(Number(c.lastEventId)).toBeGreaterThan(0);
  });

  it('delivers a new order to the store dashboard as order.created with the full order', async () => {
    const admin = await connected('/api/v1/admin/events', s.adminToken);
    const placed = await order(t1, 0, 2);
    const msg = await admin.nextOf('order.created');
    const payload = JSON.parse(msg.data) as {
      id: number;
      tableId: number;
      totalAmount: number;
      items: unknown[];
    };
    expect(payload).toMatchObject({ id: placed.id, tableId: s.tables[0]!.id, totalAmount: 18000 });
    expect(payload.items).toHaveLength(1);
    expect(Number(msg.id)).toBeGreaterThan(0);
    // The payload is the order itself: exactly the 201 body, and exactly the Order contract's fields.
    expect(payload).toEqual(placed);
    expect(Order.strict().parse(placed)).toEqual(placed);
  });

  it('tells a table about its own order changes and checkout, never another table', async () => {
    const tab1 = await connected('/api/v1/table/events', t1);
    const tab2 = await connected('/api/v1/table/events', t2);
    const placed = await order(t1);
    const created = await tab1.nextOf('order.created');
    expect(JSON.parse(created.data)).toMatchObject({ id: placed.id });

    expect((await s.admin.patch(`/api/v1/admin/orders/${placed.id}`, { status: 'preparing' })).status).toBe(
      200,
    );
    const updated = await tab1.next();
    expect(updated.event).toBe('order.updated');
    // With the table's counts after the change: what the dashboard now shows for it.
    const card = (await s.admin.get('/api/v1/admin/dashboard')).body.tables.find(
      (x: { id: number }) => x.id === s.tables[0]!.id,
    );
    expect(JSON.parse(updated.data)).toEqual({
      orderId: placed.id,
      tableId: s.tables[0]!.id,
      status: 'preparing',
      pendingCount: card.pendingCount,
      preparingCount: card.preparingCount,
      oldestPendingAt: card.oldestPendingAt,
    });
    expect(card.preparingCount).toBeGreaterThan(0);
    expect(Number(updated.id)).toBeGreaterThan(Number(created.id));

    const del = await s.admin.delete<{ tableTotal: number }>(`/api/v1/admin/orders/${placed.id}`);
    expect(del.status).toBe(200);
    const deleted = await tab1.next();
    expect(deleted.event).toBe('order.deleted');
    expect(JSON.parse(deleted.data)).toMatchObject({ orderId: placed.id, tableId: s.tables[0]!.id });

    expect((await s.admin.post(`/api/v1/admin/tables/${s.tables[0]!.id}/checkout`)).status).toBe(200);
    const out = await tab1.next();
    expect(out.event).toBe('table.checked_out');
    expect(JSON.parse(out.data)).toMatchObject({ tableId: s.tables[0]!.id });

    // Menu changes reach every table; the menu change is the first thing table 2 ever sees.
    expect(
      (await s.admin.patch(`/api/v1/admin/menu-items/${s.items[3]!.id}`, { soldOut: true })).status,
    ).toBe(200);
    expect((await tab1.next()).event).toBe('menu.changed');
    const first = await tab2.next();
    expect(first.event).toBe('menu.changed');
    expect(first.data).toBe('{}');
    expect(tab2.unread()).toEqual([]);
  });

  it('keeps stores apart', async () => {
    const other = await seedStore(t, 'store-b', { tables: 1 });
    const adminB = await connected('/api/v1/admin/events', other.adminToken);
    const adminA = await connected('/api/v1/admin/events', s.adminToken);
    await order(t1);
    await adminA.nextOf('order.created');
    const tb = await tableToken(t, other, 1);
    await client(t.app, tb).post('/api/v1/table/orders', {
      items: [{ menuItemId: other.items[0]!.id, quantity: 1 }],
    });
    const own = await adminB.nextOf('order.created');
    expect(JSON.parse(own.data)).toMatchObject({ tableId: other.tables[0]!.id });
    expect(adminB.unread()).toEqual([]);
  });

  it('refuses missing, malformed and wrong-role tokens (never from the URL)', async () => {
    expectErrorShape(await stream('/api/v1/admin/events'), 401);
    expectErrorShape(await stream('/api/v1/table/events'), 401);
    expectErrorShape(await stream('/api/v1/admin/events', 'not-a-jwt'), 401);
    expectErrorShape(await stream('/api/v1/table/events', `${t1}x`), 401);
    expectErrorShape(await stream(`/api/v1/table/events?token=${t1}`), 401);
    expectErrorShape(await stream(`/api/v1/admin/events?access_token=${s.adminToken}`), 401);
    expectErrorShape(await stream('/api/v1/table/events', s.adminToken), 403);
    expectErrorShape(await stream('/api/v1/admin/events', t1), 403);
  });

  it('replays exactly the missed events after a disconnect, then continues live', async () => {
    const admin = await connected('/api/v1/admin/events', s.adminToken);
    const tab = await connected('/api/v1/table/events', t1);
    const first = await order(t1);
    const seen = await admin.nextOf('order.created');
    const seenByTable = await tab.nextOf('order.created');
    admin.close();
    tab.close();

    const a = await order(t1, 1);
    const b = await order(t2, 2);
    expect((await s.admin.patch(`/api/v1/admin/orders/${first.id}`, { status: 'completed' })).status).toBe(
      200,
    );

    const again = await connected('/api/v1/admin/events', s.adminToken, seen.id);
    const missed = [await again.next(), await again.next(), await again.next()];
    expect(missed.map((m) => m.event)).toEqual(['order.created', 'order.created', 'order.updated']);
    expect(missed.map((m) => (JSON.parse(m.data) as { id?: number; orderId?: number }).id ?? -1)).toEqual([
      a.id,
      b.id,
      -1,
    ]);
    const ids = missed.map((m) => Number(m.id));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(ids[0]).toBeGreaterThan(Number(seen.id));

    // Live again, with no duplicate of the replay.
    const c = await order(t1);
    const live = await again.next();
    expect(JSON.parse(live.data)).toMatchObject({ id: c.id });
    expect(again.unread()).toEqual([]);

    // A table's replay holds only its own events (not table 2's order).
    const tabAgain = await connected('/api/v1/table/events', t1, seenByTable.id);
    const tabMissed = [await tabAgain.next(), await tabAgain.next(), await tabAgain.next()];
    expect(tabMissed.map((m) => m.event)).toEqual(['order.created', 'order.updated', 'order.created']);
    expect(JSON.parse(tabMissed[0]!.data)).toMatchObject({ id: a.id });
    expect(JSON.parse(tabMissed[2]!.data)).toMatchObject({ id: c.id });
    await new Promise((r) => setTimeout(r, 50));
    expect(tabAgain.unread()).toEqual([]);
  });

  it('resumes from the starting cursor of a stream that never saw an event', async () => {
    const quiet = await connected('/api/v1/admin/events', s.adminToken);
    await quiet.waitFor(() => quiet.lastEventId || undefined, 2000, 'cursor');
    const cursor = quiet.lastEventId;
    quiet.close();
    const placed = await order(t2);
    const back = await connected('/api/v1/admin/events', s.adminToken, cursor);
    expect(JSON.parse((await back.next()).data)).toMatchObject({ id: placed.id });
  });

  it('sends resync for a cursor from the future (database reset) or a malformed one', async () => {
    const ahead = await connected('/api/v1/admin/events', s.adminToken, 999_999);
    const r = await ahead.next();
    expect(r.event).toBe('resync');
    expect(Number(r.id)).toBeLessThan(999_999);
    // Live events follow the resync.
    const placed = await order(t1);
    expect(JSON.parse((await ahead.next()).data)).toMatchObject({ id: placed.id });

    const junk = await connected('/api/v1/table/events', t1, 'abc');
    expect((await junk.next()).event).toBe('resync');
  });

  it('sends a heartbeat comment regularly', async () => {
    const c = await connected('/api/v1/admin/events', s.adminToken);
    await c.waitFor(() => (c.comments >= 2 ? true : undefined), HEARTBEAT_MS * 10, 'two heartbeats');
  });

  it('sends heartbeats to every open stream', async () => {
    const streams = await Promise.all([
      connected('/api/v1/admin/events', s.adminToken),
      connected('/api/v1/admin/events', s.adminToken),
      connected('/api/v1/table/events', t1),
      connected('/api/v1/table/events', t2),
    ]);
    for (const c of streams) {
      await c.waitFor(() => (c.comments >= 2 ? true : undefined), HEARTBEAT_MS * 10, 'two heartbeats');
    }
  });

  it('gives concurrent replays from the same cursor each exactly their events, then live ones', async () => {
    const admin = await connected('/api/v1/admin/events', s.adminToken);
    await admin.waitFor(() => admin.lastEventId || undefined, 2000, 'cursor');
    const cursor = admin.lastEventId;
    admin.close();
    const placed = [await order(t1), await order(t2), await order(t1, 1)];
    const mid = await connected('/api/v1/admin/events', s.adminToken, cursor);
    const midCursor = (await mid.next()).id;
    mid.close();

    const [a, b, c, tab, fromMid] = await Promise.all([
      connected('/api/v1/admin/events', s.adminToken, cursor),
      connected('/api/v1/admin/events', s.adminToken, cursor),
      connected('/api/v1/admin/events', s.adminToken, cursor),
      connected('/api/v1/table/events', t1, cursor),
      connected('/api/v1/admin/events', s.adminToken, midCursor),
    ]);
    const orderIds = async (cl: SseClient, n: number) => {
      const got: number[] = [];
      for (let i = 0; i < n; i++)
        got.push((JSON.parse((await cl.nextOf('order.created')).data) as { id: number }).id);
      return got;
    };
    const all = placed.map((p) => p.id);
    for (const cl of [a, b, c]) expect(await orderIds(cl, 3)).toEqual(all);
    expect(await orderIds(tab, 2)).toEqual([placed[0]!.id, placed[2]!.id]);
    expect(await orderIds(fromMid, 2)).toEqual(all.slice(1));

    // Live after the replay, once each.
    const live = await order(t1);
    for (const cl of [a, b, c, tab, fromMid]) {
      expect(await orderIds(cl, 1)).toEqual([live.id]);
      await new Promise((r) => setTimeout(r, 20));
      expect(cl.unread()).toEqual([]);
    }
  });

  it('limits streams per table to 5 and per store admins to 50 (429 with Retry-After)', async () => {
    const tabs = [];
    for (let i = 0; i < 5; i++) tabs.push(await connected('/api/v1/table/events', t1));
    const over = await stream('/api/v1/table/events', t1);
    expectErrorShape(over, 429);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another table is not affected; a closed stream frees its slot.
    await connected('/api/v1/table/events', t2);
    tabs[0]!.close();
    await expect
      .poll(async () => {
        const r = await stream('/api/v1/table/events', t1);
        return r.status;
      })
      .toBe(200);

    const admins = await Promise.all(
      Array.from({ length: 50 }, () => connected('/api/v1/admin/events', s.adminToken)),
    );
    expect(admins).toHaveLength(50);
    const tooMany = await stream('/api/v1/admin/events', s.adminToken);
    expectErrorShape(tooMany, 429);
    expect(tooMany.headers.get('retry-after')).not.toBeNull();
  });

  it('ends a table stream when its token is revoked by a password change', async () => {
    const tab3 = await tableToken(t, s, 3);
    const c = await connected('/api/v1/table/events', tab3);
    const r = await s.admin.patch(`/api/v1/admin/tables/${s.tables[2]!.id}`, { password: 'new-pw-3' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await c.closedByServer(HEARTBEAT_MS * 20);
    expectErrorShape(await stream('/api/v1/table/events', tab3), 401);
  });
});

describe('live events: retention, expiry and shutdown', () => {
  it('purges old events and answers an expired cursor with resync; ends streams at token expiry', async () => {
    const t = await createTestApp({
      EVENTS_HEARTBEAT_MS: String(HEARTBEAT_MS),
      EVENTS_PURGE_INTERVAL_MS: '50',
    });
    try {
      const base = await listen(t);
      const s = await seedStore(t, 'store-p', { tables: 1 });
      const r0 = await SseClient.open(`${base}/api/v1/admin/events`, { token: s.adminToken });
      const early = r0.client!;
      await early.waitFor(() => early.lastEventId || undefined, 2000, 'cursor');
      const oldCursor = Number(early.lastEventId);
      const tab = client(t.app, await tableToken(t, s, 1));
      const first = await tab.post<{ id: number }>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
      });
      expect(first.status).toBe(201);
      await early.nextOf('order.created');

      // A day and more later: the token has expired (16 h), so the open stream ends at its next beat.
      t.clock.advance(25 * 3600 * 1000);
      await early.closedByServer(HEARTBEAT_MS * 20);

      const fresh = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
        storeIdentifier: s.identifier,
        tableNumber: 1,
        password: 'pw-1',
      });
      const recent = await client(t.app, fresh.body.accessToken).post<{ id: number }>(
        '/api/v1/table/orders',
        {
          items: [{ menuItemId: s.items[1]!.id, quantity: 1 }],
        },
      );
      expect(recent.status).toBe(201);
      // The purge runs on its interval: wait until only the marker and the new event are left.
      await expect
        .poll(async () => (await t.runtime.ctx.db.selectFrom('events').select('id').execute()).length, {
          timeout: 3000,
        })
        .toBe(2);

      const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/admin/login', {
        storeIdentifier: s.identifier,
        username: 'owner',
        password: 'owner-pass-1',
      });
      const stale = await SseClient.open(`${base}/api/v1/admin/events`, {
        token: login.body.accessToken,
        lastEventId: oldCursor,
      });
      const msg = await stale.client!.next();
      expect(msg.event).toBe('resync');
      stale.client!.close();

      // A cursor at or after the purge line still replays exactly what is kept.
      const marker = await t.runtime.ctx.db
        .selectFrom('events')
        .select('id')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      // A replay page from before the purge line starts at the marker, for admin and table reads alike.
      const { store_id: storeId } = await t.runtime.ctx.db
        .selectFrom('events')
        .select('store_id')
        .executeTakeFirstOrThrow();
      for (const table of [undefined, s.tables[0]!.id]) {
        const before = await listEventRowsAfter(t.runtime.ctx.db, storeId, oldCursor, 500, table);
        expect(before.purgedThrough).toBe(Number(marker.id));
        const after = await listEventRowsAfter(t.runtime.ctx.db, storeId, Number(marker.id), 500, table);
        expect(after.purgedThrough).toBe(0);
        expect(after.rows.map((r) => r.id)).toHaveLength(1);
      }

      const ok = await SseClient.open(`${base}/api/v1/admin/events`, {
        token: login.body.accessToken,
        lastEventId: Number(marker.id),
      });
      const replayed = await ok.client!.next();
      expect(replayed.event).toBe('order.created');
      expect(JSON.parse(replayed.data)).toMatchObject({ id: recent.body.id });
      ok.client!.close();
    } finally {
      await closeApp(t);
    }
  });

  it('ends open streams on app.close() so clients reconnect elsewhere', async () => {
    const t = await createTestApp({ EVENTS_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    let closed = false;
    try {
      const base = await listen(t);
      const s = await seedStore(t, 'store-c', { tables: 1 });
      const a = (await SseClient.open(`${base}/api/v1/admin/events`, { token: s.adminToken })).client!;
      const b = (await SseClient.open(`${base}/api/v1/table/events`, { token: await tableToken(t, s, 1) }))
        .client!;
      const started = Date.now();
      await t.close();
      closed = true;
      expect(Date.now() - started).toBeLessThan(3000);
      await a.closedByServer(1000);
      await b.closedByServer(1000);
    } finally {
      if (!closed) await t.close();
    }
  });
});
