// Two API instances sharing one MariaDB database and Redis: events cross instances by pub/sub, and keep
// arriving from the events table while Redis is down. Runs only in `npm run test:services`.
import { randomBytes } from 'node:crypto';
import type { StoreEvent } from '@table-order/contracts';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createMysqlDatabase } from '../../../../../tests/support/mariadb.js';
import { OwnRedis } from '../../../../../tests/support/redis.js';
import {
  client,
  seedStore,
  TEST_SECRET,
  TestClock,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';
import { buildApp, createRuntime } from '../../app.js';
import { loadConfig } from '../../config/index.js';
import { migrateToLatest } from '../../db/migrator.js';
import { RedisEventHub } from '../../infra/redis-event-hub.js';
import { SseClient } from './events.test-helpers.js';
import { parsePrometheusText, valueOf } from '../../../test/prometheus-text.js';

interface Instance extends TestApp {
  base: string;
}

async function startInstance(
  env: Record<string, string>,
  clock: TestClock,
  migrate: boolean,
): Promise<Instance> {
  const config = loadConfig({
    NODE_ENV: 'test',
    JWT_SECRET_KEY: TEST_SECRET,
    EVENTS_HEARTBEAT_MS: '200',
    ...env,
  });
  const runtime = createRuntime(config, { clock });
  if (migrate) await migrateToLatest(runtime.ctx.db);
  const app: FastifyInstance = await buildApp(runtime);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (typeof addr !== 'object' || !addr) throw new Error('not listening');
  return {
    app,
    runtime,
    config,
    clock,
    base: `http://127.0.0.1:${addr.port}`,
    close: async () => {
      // Node's fetch leaves a spare connection after an aborted stream; do not wait for it.
      app.server.closeAllConnections();
      await app.close();
      await runtime.ctx.hub.close();
      await runtime.dbHandle.close();
    },
  };
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

async function adminStream(i: Instance, token: string): Promise<SseClient> {
  const r = await SseClient.open(`${i.base}/api/v1/admin/events`, { token });
  expect(r.status).toBe(200);
  if (!r.client) throw new Error('no stream');
  return r.client;
}

async function health(i: Instance): Promise<string> {
  const r = await client(i.app).get<{ redis: string }>('/health');
  return r.body.redis;
}

/** One figure of an instance's /metrics exposition. */
async function figure(
  i: Instance,
  name: string,
  labels: Record<string, string> = {},
): Promise<number | undefined> {
  return valueOf(parsePrometheusText(await i.runtime.ctx.metrics.render()), name, labels);
}

/** Ids a stream received: strictly increasing means no duplicate and no reordering. */
function expectIncreasingIds(c: SseClient): void {
  const ids = c.messages.map((m) => Number(m.id));
  for (let k = 1; k < ids.length; k++) expect(ids[k]).toBeGreaterThan(ids[k - 1]!);
}

describe('live events across instances (Redis)', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });
  afterAll(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  async function twoInstances(redisUrl: string) {
    const db = await createMysqlDatabase();
    cleanups.push(db.drop);
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redisUrl,
      REDIS_EVENTS_CHANNEL: `table-order:test:${randomBytes(6).toString('hex')}`,
    };
    const clock = new TestClock();
    const one = await startInstance(env, clock, true);
    cleanups.push(() => one.close());
    const two = await startInstance(env, clock, false);
    cleanups.push(() => two.close());
    const s = await seedStore(one, `store-${randomBytes(3).toString('hex')}`, { tables: 2 });
    return { one, two, s, channel: env.REDIS_EVENTS_CHANNEL };
  }

  it('an order placed on instance 1 reaches streams on instance 2 (shared Redis)', async () => {
    const { one, two, s } = await twoInstances('redis://127.0.0.1:6379');
    await expect.poll(() => two.runtime.ctx.hub.status()).toBe('ok');
    await expect.poll(() => one.runtime.ctx.hub.status()).toBe('ok');
    expect(await health(two)).toBe('ok');

    const onTwo = await adminStream(two, s.adminToken);
    const onOne = await adminStream(one, s.adminToken);
    const tab = client(one.app, await tableToken(one, s, 1));
    const placed = await tab.post<{ id: number }>('/api/v1/table/orders', {
      items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
    });
    expect(placed.status).toBe(201);
    const started = Date.now();
    expect(JSON.parse((await onTwo.nextOf('order.created', 2000)).data)).toMatchObject({
      id: placed.body.id,
    });
    expect(Date.now() - started).toBeLessThan(1000);
    // Instance 2 measured the lag from instance 1's commit (carried in the Redis message): under 2 s.
    const lagCount = await figure(two, 'table_order_event_delivery_lag_seconds_count', { kind: 'admin' });
    expect(lagCount).toBe(1);
    expect(
      await figure(two, 'table_order_event_delivery_lag_seconds_bucket', { kind: 'admin', le: '2' }),
    ).toBe(1);
    expect(await figure(two, 'table_order_redis_state', { state: 'ok' })).toBe(1);
    // The publishing instance delivers once, though its own message also comes back from Redis.
    expect(JSON.parse((await onOne.nextOf('order.created')).data)).toMatchObject({ id: placed.body.id });
    await new Promise((r) => setTimeout(r, 100));
    expect(onOne.unread()).toEqual([]);

    // And the other way round, to a table stream.
    const tabStream = await SseClient.open(`${one.base}/api/v1/table/events`, {
      token: await tableToken(two, s, 1),
    });
    const patched = await client(two.app, s.adminToken).patch(`/api/v1/admin/orders/${placed.body.id}`, {
      status: 'preparing',
    });
    expect(patched.status).toBe(200);
    const upd = await tabStream.client!.nextOf('order.updated', 2000);
    expect(JSON.parse(upd.data)).toMatchObject({ orderId: placed.body.id, status: 'preparing' });
    for (const c of [onOne, onTwo, tabStream.client!]) c.close();
  });

  it('a revoked table token and a menu change take effect on the other instance at once', async () => {
    const { one, two, s } = await twoInstances('redis://127.0.0.1:6379');
    await expect
      .poll(() => [one.runtime.ctx.hub.status(), two.runtime.ctx.hub.status()])
      .toEqual(['ok', 'ok']);
    const table = s.tables[0]!;
    const onTwo = client(two.app, await tableToken(one, s, table.number));
    // Instance 2 now holds the table's token version and the menu version in its caches.
    const menu = await onTwo.get('/api/v1/table/menu');
    expect(menu.status).toBe(200);
    const etag = String(menu.headers.etag);
    expect((await onTwo.get('/api/v1/table/menu', { 'if-none-match': etag })).status).toBe(304);

    // The menu changes on instance 1: instance 2 serves the new menu, not a 304.
    const sold = await client(one.app, s.adminToken).patch(`/api/v1/admin/menu-items/${s.items[0]!.id}`, {
      soldOut: true,
    });
    expect(sold.status).toBe(200);
    await expect
      .poll(async () => (await onTwo.get('/api/v1/table/menu', { 'if-none-match': etag })).status, {
        timeout: 1000,
        interval: 20,
      })
      .toBe(200);

    // The table's password changes on instance 1: its old token is refused on instance 2.
    const changed = await client(one.app, s.adminToken).patch(`/api/v1/admin/tables/${table.id}`, {
      password: 'new-password',
    });
    expect(changed.status).toBe(200);
    await expect
      .poll(async () => (await onTwo.get('/api/v1/table/menu')).status, { timeout: 1000, interval: 20 })
      .toBe(401);
    const refused = await onTwo.get<{ error: string }>('/api/v1/table/menu');
    expect(refused.body.error).toBe('token_revoked');
  });

  it('falls back to the events table while Redis is down and returns to pub/sub after', async () => {
    const redis = await OwnRedis.create();
    cleanups.push(() => redis.dispose());
    const { one, two, s, channel } = await twoInstances(redis.url);
    await expect
      .poll(() => [one.runtime.ctx.hub.status(), two.runtime.ctx.hub.status()])
      .toEqual(['ok', 'ok']);

    const onTwo = await adminStream(two, s.adminToken);
    const onOne = await adminStream(one, s.adminToken);
    const tab1 = client(one.app, await tableToken(one, s, 1));
    const tab2 = client(two.app, await tableToken(two, s, 2));
    const order = async (tab: typeof tab1, item: number) => {
      const r = await tab.post<{ id: number }>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[item]!.id, quantity: 1 }],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return r.body.id;
    };
    // Waits for this order's event, skipping ones the stream received earlier.
    const arrives = async (stream: SseClient, orderId: number, limitMs: number) => {
      const started = Date.now();
      for (;;) {
        const msg = await stream.nextOf('order.created', limitMs + 1000);
        if ((JSON.parse(msg.data) as { id: number }).id === orderId) break;
      }
      expect(Date.now() - started).toBeLessThanOrEqual(limitMs);
    };

    await arrives(onTwo, await order(tab1, 0), 1000);

    // Redis stops: both instances notice and poll the events table.
    await redis.kill();
    await expect
      .poll(() => [one.runtime.ctx.hub.status(), two.runtime.ctx.hub.status()])
      .toEqual(['down', 'down']);
    expect(await health(two)).toBe('down');
    expect(await figure(two, 'table_order_redis_state', { state: 'down' })).toBe(1);
    expect(await figure(two, 'table_order_redis_state', { state: 'ok' })).toBe(0);
    await arrives(onTwo, await order(tab1, 1), 2000);
    await arrives(onTwo, await order(tab1, 2), 2000);
    await arrives(onOne, await order(tab2, 3), 2000);

    // Redis is back: pub/sub resumes (both instances subscribed again, polling stopped).
    await redis.start();
    await expect
      .poll(() => [one.runtime.ctx.hub.status(), two.runtime.ctx.hub.status()], { timeout: 5000 })
      .toEqual(['ok', 'ok']);
    const probe = new Redis(redis.url);
    cleanups.push(async () => {
      probe.disconnect();
      return Promise.resolve();
    });
    const numsub = (await probe.pubsub('NUMSUB', channel)) as [string, number];
    expect(Number(numsub[1])).toBe(2);
    expect(await health(one)).toBe('ok');
    for (const i of [one, two]) {
      expect(await figure(i, 'table_order_redis_reconnects_total')).toBe(1);
      expect(await figure(i, 'table_order_redis_state', { state: 'ok' })).toBe(1);
    }
    // Every event written to the stream was measured: the first from its Redis message, the three read
    // back from the events table while Redis was down from their recorded time.
    expect(await figure(two, 'table_order_event_delivery_lag_seconds_count', { kind: 'admin' })).toBe(4);
    await arrives(onTwo, await order(tab1, 0), 1000);

    // Every stream got every order exactly once, in id order.
    await new Promise((r) => setTimeout(r, 200));
    const created = (c: SseClient) => c.messages.filter((m) => m.event === 'order.created').length;
    expect(created(onTwo)).toBe(5);
    expect(created(onOne)).toBe(5);
    expectIncreasingIds(onTwo);
    expectIncreasingIds(onOne);
    onOne.close();
    onTwo.close();
  });

  it('reads the events table when ids arriving through Redis skip an event', async () => {
    const channel = `table-order:test:${randomBytes(6).toString('hex')}`;
    const ev = (id: number): StoreEvent => ({ id, type: 'menu.changed', tableId: null, payload: {} });
    const reads: number[] = [];
    const table: StoreEvent[] = [];
    const hub = new RedisEventHub({
      url: 'redis://127.0.0.1:6379',
      channel,
      pollMs: 60_000,
      fetchAfter: (_storeId, afterId) => {
        reads.push(afterId);
        return Promise.resolve(table.filter((e) => e.id > afterId));
      },
    });
    const publisher = new Redis('redis://127.0.0.1:6379');
    cleanups.push(async () => {
      publisher.disconnect();
      await hub.close();
    });
    const got: number[] = [];
    hub.subscribe(7, (e) => got.push(e.id));
    hub.seed(7, 0);
    await expect.poll(() => hub.status()).toBe('ok');
    await expect.poll(() => reads).toEqual([0]); // the read that follows every (re)subscription
    table.push(ev(1));
    await publisher.publish(channel, JSON.stringify({ s: 7, e: [ev(1)] }));
    await expect.poll(() => got).toEqual([1]);
    // Event 2 is in the database but never came through Redis (its instance was cut off).
    table.push(ev(2), ev(3));
    await publisher.publish(channel, JSON.stringify({ s: 7, e: [ev(3)] }));
    await expect.poll(() => got).toEqual([1, 3, 2]);
    expect(reads.at(-1)).toBe(1);
  });
});
