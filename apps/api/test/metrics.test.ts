// GET /metrics on the separate Prometheus listener: strict text format, bounded labels, and figures that
// move with what an operator would watch (orders, streams, replays, logins, requests, the pool).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetricsListener, type MetricsListener } from '../src/infra/metrics.js';
import { SseClient } from '../src/modules/events/events.test-helpers.js';
import { client, createTestApp, onMysql, seedStore, type StoreFixture, type TestApp } from './harness.js';
import { parsePrometheusText, valueOf, type Family } from './prometheus-text.js';

async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const addr = t.app.server.address();
  if (typeof addr !== 'object' || !addr) throw new Error('not listening');
  return `http://127.0.0.1:${addr.port}`;
}

/** Every family the API exposes besides the process's own (process_*, nodejs_*). */
const TABLE_ORDER_FAMILIES: Record<string, string> = {
  table_order_http_request_duration_seconds: 'histogram',
  table_order_orders_placed_total: 'counter',
  table_order_streams_open: 'gauge',
  table_order_event_delivery_lag_seconds: 'histogram',
  table_order_stream_replays_total: 'counter',
  table_order_redis_state: 'gauge',
  table_order_redis_reconnects_total: 'counter',
  table_order_db_pool_max: 'gauge',
  table_order_db_pool_size: 'gauge',
  table_order_db_pool_in_use: 'gauge',
  table_order_db_pool_waiting: 'gauge',
  table_order_db_timeouts_total: 'counter',
  table_order_login_failures_total: 'counter',
  table_order_login_lockouts_total: 'counter',
  table_order_build_info: 'gauge',
};

describe('GET /metrics', () => {
  let t: TestApp;
  let base: string;
  let s: StoreFixture;
  let listener: MetricsListener;
  let metricsUrl: string;
  const streams: SseClient[] = [];

  const scrape = async (): Promise<{ families: Map<string, Family>; text: string }> => {
    const r = await fetch(`${metricsUrl}/metrics`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await r.text();
    return { families: parsePrometheusText(text), text };
  };
  const tableToken = async (n: number) => {
    const r = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: s.identifier,
      tableNumber: n,
      password: `pw-${n}`,
    });
    expect(r.status).toBe(200);
    return r.body.accessToken;
  };
  const openStream = async (path: string, token: string, lastEventId?: number | string) => {
    const r = await SseClient.open(`${base}${path}`, {
      token,
      ...(lastEventId === undefined ? {} : { lastEventId }),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    streams.push(r.client!);
    return r.client!;
  };
  const placeOrder = async (token: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${base}/api/v1/table/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ items: [{ menuItemId: s.items[0]!.id, quantity: 2 }] }),
    });
    expect(r.status).toBe(201);
    return (await r.json()) as { id: number };
  };

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    s = await seedStore(t, 'metrics-store', { tables: 2 });
    listener = await startMetricsListener(t.runtime.ctx.metrics, { host: '127.0.0.1', port: 0 });
    metricsUrl = `http://127.0.0.1:${listener.port}`;
  });
  afterAll(async () => {
    for (const c of streams) c.close();
    await listener?.close();
    t.app.server.closeAllConnections();
    await t?.close();
  });

  it('is strict Prometheus text with every family, typed, with help, and the process figures', async () => {
    const { families } = await scrape();
    for (const [name, type] of Object.entries(TABLE_ORDER_FAMILIES)) {
      expect(families.get(name)?.type, name).toBe(type);
      expect(families.get(name)?.help, name).toBeTruthy();
    }
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_heap_size_used_bytes',
    ])
      expect(families.has(name), name).toBe(true);
    expect(valueOf(families, 'table_order_build_info', { dialect: onMysql ? 'mysql' : 'sqlite' })).toBe(1);
    // No Redis configured.
    expect(valueOf(families, 'table_order_redis_state', { state: 'disabled' })).toBe(1);
    expect(valueOf(families, 'table_order_redis_state', { state: 'down' })).toBe(0);
    // The pool: SQLite's one connection, or the configured MySQL pool.
    expect(valueOf(families, 'table_order_db_pool_max')).toBe(onMysql ? 10 : 1);
    expect(valueOf(families, 'table_order_db_pool_size')).toBeGreaterThanOrEqual(1);
    expect(valueOf(families, 'table_order_db_pool_waiting')).toBe(0);
    expect(valueOf(families, 'table_order_db_timeouts_total', { kind: 'statement' })).toBe(0);
  });

  it('counts orders placed (not idempotent repeats) and requests by route template and status class', async () => {
    const before = (await scrape()).families;
    const token = await tableToken(1);
    const order = await placeOrder(token, { 'idempotency-key': 'metrics-order-1' });
    await placeOrder(token, { 'idempotency-key': 'metrics-order-1' }); // a repeat: the same order
    await placeOrder(token);
    await s.admin.get(`/api/v1/admin/orders/${order.id}`);
    await s.admin.get('/api/v1/admin/orders/999999999');
    await fetch(`${base}/api/v1/no-such-thing/${order.id}`);

    const { families, text } = await scrape();
    const placed = (f: Map<string, Family>) => valueOf(f, 'table_order_orders_placed_total') ?? 0;
    expect(placed(families) - placed(before)).toBe(2);
    const count = (labels: Record<string, string>) =>
      valueOf(families, 'table_order_http_request_duration_seconds_count', labels) ?? 0;
    expect(count({ method: 'POST', route: '/api/v1/table/orders', status_class: '2xx' })).toBe(3);
    expect(count({ method: 'GET', route: '/api/v1/admin/orders/:id', status_class: '2xx' })).toBe(1);
    expect(count({ method: 'GET', route: '/api/v1/admin/orders/:id', status_class: '4xx' })).toBe(1);
    // An unknown path: no route (unmatched), or the tablet app's fallback route when the apps are built.
    expect(
      count({ method: 'GET', route: 'unmatched', status_class: '4xx' }) +
        count({ method: 'GET', route: '/*', status_class: '4xx' }),
    ).toBeGreaterThanOrEqual(1);

    // Bounded labels: templates, never a raw path, id, token or name.
    for (const f of families.values()) {
      for (const sample of f.samples) {
        for (const [label, value] of Object.entries(sample.labels)) {
          if (label === 'route') expect(value).toMatch(/^(unmatched|\/[\w\-/:*.]*)$/);
          expect(value, `${sample.name} ${label}`).not.toMatch(/\/\d+(\/|$)/);
          expect(value, `${sample.name} ${label}`).not.toContain(s.identifier);
        }
      }
    }
    expect(text).not.toContain(token);
    expect(text).not.toContain(s.adminToken);
  });

  it('shows open streams by kind, the delivery lag of each event written, and replays served', async () => {
    const token = await tableToken(2);
    const before = (await scrape()).families;
    const lagCount = (f: Map<string, Family>, kind: string) =>
      valueOf(f, 'table_order_event_delivery_lag_seconds_count', { kind }) ?? 0;

    const admin = await openStream('/api/v1/admin/events', s.adminToken);
    const admin2 = await openStream('/api/v1/admin/events', s.adminToken);
    const table = await openStream('/api/v1/table/events', token);
    let f = (await scrape()).families;
    expect(valueOf(f, 'table_order_streams_open', { kind: 'admin' })).toBe(2);
    expect(valueOf(f, 'table_order_streams_open', { kind: 'table' })).toBe(1);
    // The stream requests themselves are not request latencies.
    expect(
      valueOf(f, 'table_order_http_request_duration_seconds_count', { route: '/api/v1/admin/events' }),
    ).toBe(undefined);

    await placeOrder(token);
    await placeOrder(token);
    for (const c of [admin, admin2, table]) {
      await c.nextOf('order.created');
      await c.nextOf('order.created');
    }
    f = (await scrape()).families;
    expect(lagCount(f, 'admin') - lagCount(before, 'admin')).toBe(4); // 2 events × 2 admin streams
    expect(lagCount(f, 'table') - lagCount(before, 'table')).toBe(2);
    // Written in the same process as the commit: far below the 2 s alert.
    expect(valueOf(f, 'table_order_event_delivery_lag_seconds_bucket', { kind: 'admin', le: '2' })).toBe(
      lagCount(f, 'admin'),
    );

    // A reconnect with Last-Event-ID replays what it missed; one from the future resyncs.
    const cursor = admin.lastEventId;
    admin.close();
    admin2.close();
    table.close();
    await placeOrder(token);
    const resumed = await openStream('/api/v1/admin/events', s.adminToken, cursor);
    await resumed.nextOf('order.created');
    const future = await openStream('/api/v1/admin/events', s.adminToken, 999_999);
    await future.nextOf('resync');
    f = (await scrape()).families;
    const replays = (m: Map<string, Family>, outcome: string) =>
      valueOf(m, 'table_order_stream_replays_total', { kind: 'admin', outcome }) ?? 0;
    expect(replays(f, 'replay') - replays(before, 'replay')).toBe(1);
    expect(replays(f, 'resync') - replays(before, 'resync')).toBe(1);
    resumed.close();
    future.close();
    await expect
      .poll(async () => valueOf((await scrape()).families, 'table_order_streams_open', { kind: 'admin' }))
      .toBe(0);
    expect(valueOf((await scrape()).families, 'table_order_streams_open', { kind: 'table' })).toBe(0);
  });

  it('counts failed logins and the lockout the fifth one causes', async () => {
    const before = (await scrape()).families;
    for (let i = 0; i < 5; i++) {
      const r = await client(t.app).post('/api/v1/auth/admin/login', {
        storeIdentifier: s.identifier,
        username: 'owner',
        password: `wrong-${i}`,
      });
      expect(r.status).toBe(401);
    }
    const locked = await client(t.app).post('/api/v1/auth/admin/login', {
      storeIdentifier: s.identifier,
      username: 'owner',
      password: 'owner-pass-1',
    });
    expect(locked.status).toBe(423);
    const f = (await scrape()).families;
    const delta = (name: string) =>
      (valueOf(f, name, { kind: 'admin' }) ?? 0) - (valueOf(before, name, { kind: 'admin' }) ?? 0);
    expect(delta('table_order_login_failures_total')).toBe(5);
    expect(delta('table_order_login_lockouts_total')).toBe(1);
    expect(valueOf(f, 'table_order_login_failures_total', { kind: 'table' })).toBe(0);
  });

  it('answers only GET/HEAD /metrics on its listener', async () => {
    expect((await fetch(`${metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/api/v1/admin/dashboard`)).status).toBe(404);
    expect((await fetch(`${metricsUrl}/metrics`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${metricsUrl}/metrics`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    // The API's own port does not serve them (a 404, built apps or not).
    const onApi = await fetch(`${base}/metrics`);
    expect(onApi.status).toBe(404);
    expect(await onApi.text()).not.toContain('table_order_');
  });

  it('refuses to start on a port already taken', async () => {
    await expect(
      startMetricsListener(t.runtime.ctx.metrics, { host: '127.0.0.1', port: listener.port }),
    ).rejects.toThrow(/EADDRINUSE/);
  });

  it('shows the database pool: a held connection, a caller waiting, and waits given up (MySQL)', async () => {
    const p = await createTestApp(onMysql ? { DATABASE_POOL_SIZE: '1' } : {});
    const figure = async (name: string, labels: Record<string, string> = {}) =>
      valueOf(parsePrometheusText(await p.runtime.ctx.metrics.render()), name, labels);
    try {
      const { db } = p.runtime.ctx;
      let release = () => {};
      const held = new Promise<void>((r) => {
        release = r;
      });
      const trx = db.transaction().execute(async (tx) => {
        await sql`select 1`.execute(tx);
        await held;
      });
      await expect.poll(() => figure('table_order_db_pool_in_use')).toBe(1);
      const queued = sql`select 1`.execute(db).then(
        () => 'answered',
        (err: unknown) => String(err),
      );
      // (On MySQL the events purge, which runs once at start, may be waiting as well.)
      await expect
        .poll(async () => (await figure('table_order_db_pool_waiting')) ?? 0)
        .toBeGreaterThanOrEqual(1);
      if (onMysql) {
        // The pool's one connection stays held: the wait gives up after ACQUIRE_TIMEOUT_MS.
        expect(await queued).toMatch(/Timed out waiting for a database connection/);
        expect(await figure('table_order_db_timeouts_total', { kind: 'acquire' })).toBeGreaterThanOrEqual(1);
      }
      release();
      await trx;
      if (!onMysql) expect(await queued).toBe('answered');
      // (Anything else that queued behind the transaction, like the purge, gets its turn and is done.)
      await expect.poll(() => figure('table_order_db_pool_waiting')).toBe(0);
      await expect.poll(() => figure('table_order_db_pool_in_use')).toBe(0);
      if (onMysql) {
        expect(await figure('table_order_db_pool_size')).toBe(1);
        await expect(sql`select sleep(4)`.execute(db)).rejects.toThrow();
        expect(await figure('table_order_db_timeouts_total', { kind: 'statement' })).toBe(1);
        expect(await figure('table_order_db_pool_in_use')).toBe(0);
      }
    } finally {
      await p.close();
    }
  });

  it('keeps each runtime’s figures apart (a registry per runtime)', async () => {
    const other = await createTestApp();
    try {
      const text = await other.runtime.ctx.metrics.render();
      const f = parsePrometheusText(text);
      expect(valueOf(f, 'table_order_orders_placed_total')).toBe(0);
      expect(valueOf((await scrape()).families, 'table_order_orders_placed_total')).toBeGreaterThan(0);
    } finally {
      await other.close();
    }
  });
});
