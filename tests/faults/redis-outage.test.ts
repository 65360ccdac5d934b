// Fault 3: Redis goes away under load with two API instances. Events keep reaching the other instance's
// streams (from the database), login limiting still holds (it lives in the database), and pub/sub is
// used again once Redis is back.
import type { Dashboard } from '@table-order/contracts';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { DashboardFollower, viewOf } from '../support/dashboard.js';
import { ResultsFile } from '../support/figures.js';
import { http, percentile, round } from '../support/http.js';
import { loginAdmin, loginTables } from '../support/seed.js';
import { TabletFleet, type Acknowledged } from '../support/tablets.js';
import type { ApiProcess } from '../support/api-server.js';
import { sleep, waitUntil } from '../support/common.js';
import { FaultBed } from '../support/fault-bed.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const CHANNEL = 'faults:redis-outage';
const results = new ResultsFile('faults', import.meta.url);

describe('F3: Redis stopped under load', () => {
  let bed: FaultBed;
  let a: ApiProcess;
  let b: ApiProcess;
  let tablets: { tableId: number; token: string }[];
  let adminToken: string;

  beforeAll(async () => {
    bed = await FaultBed.create({
      database: 'faults_redis',
      store: { identifier: 'redis', tables: 20 },
      redisChannel: CHANNEL,
    });
    [a, b] = (await bed.startApis(2)) as [ApiProcess, ApiProcess];
    tablets = await loginTables(a.baseUrl, bed.store);
    adminToken = await loginAdmin(b.baseUrl, bed.store);
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  const redisStatus = async (api: ApiProcess) =>
    (await http(api.baseUrl, 'GET', '/health')).json<{ redis: string }>().redis;

  it('delivers every event through the outage, keeps login limiting, and resumes pub/sub', async () => {
    showLogsOnFailure(a, b);
    const scenario = await results.begin(
      'F3',
      'Redis stopped under load (two API instances)',
      'Two API processes share their own MariaDB and their own Redis. 20 tablets order through instance A (a cart every 0.3–0.8 s); a dashboard and a table stream are held on instance B, so every event must cross instances. Redis runs for 5 s, is killed (SIGKILL) for 10 s, then started again; load continues 6 s after its return. While Redis is down, an admin account takes 5 wrong passwords alternately on A and B and then the right one, and 25 more failures come from the same address. After Redis is back, a separate subscriber on the Redis channel checks that the instances publish there again.',
    );
    const fleet = new TabletFleet({
      base: a.baseUrl,
      tablets,
      itemIds: bed.store.items.map((i) => i.id),
      thinkMs: [300, 800],
      retryMs: 300,
      timeoutMs: 10_000,
    });
    const board = new DashboardFollower(() => b.baseUrl, adminToken);
    await board.start();
    const tableStream = (
      await SseClient.open(`${b.baseUrl}/api/v1/table/events`, { token: tablets[0]!.token })
    ).client!;
    fleet.start();
    await sleep(5000);

    // Redis down.
    await bed.redis.kill();
    const tDown = performance.now();
    const downSeen = await waitUntil(
      async () => (await redisStatus(a)) === 'down' && (await redisStatus(b)) === 'down',
      5000,
      100,
    );
    expect(downSeen, '/health reports redis: down on both instances').toBe(true);
    expect((await http(a.baseUrl, 'GET', '/health')).status, '/health stays 200 without Redis').toBe(200);

    // Login limiting with Redis down: the account lock and the address limit hold across instances.
    const login = (api: ApiProcess, username: string, password: string) =>
      http(api.baseUrl, 'POST', '/api/v1/auth/admin/login', {
        body: { storeIdentifier: bed.store.identifier, username, password },
      });
    const accountAttempts = [];
    for (let i = 0; i < 5; i++)
      accountAttempts.push((await login(i % 2 ? b : a, 'owner', 'wrong-password')).status);
    const locked = await login(a, 'owner', bed.store.admin.password);
    const lockedOnB = await login(b, 'owner', bed.store.admin.password);
    expect(accountAttempts).toEqual([401, 401, 401, 401, 401]);
    expect(locked.status, 'right password after 5 failures').toBe(423);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect(lockedOnB.status, 'locked on the other instance too').toBe(423);
    const addressAttempts = [];
    for (let i = 0; i < 25; i++)
      addressAttempts.push((await login(i % 2 ? b : a, `nobody${i}`, 'x-wrong-pw')).status);
    expect(addressAttempts.every((s) => s === 401)).toBe(true);
    const limited = await login(b, `nobody-else`, 'x-wrong-pw');
    expect(limited.status, 'the 31st failure from one address within a minute').toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);

    await sleep(Math.max(0, 10_000 - (performance.now() - tDown)));
    const tUp = performance.now();
    await bed.redis.start();
    const upSeen = await waitUntil(
      async () => (await redisStatus(a)) === 'ok' && (await redisStatus(b)) === 'ok',
      10_000,
      100,
    );
    const resumeMs = performance.now() - tUp;
    expect(upSeen, '/health reports redis: ok on both instances again').toBe(true);

    // Pub/sub is used again: orders placed now show up on the Redis channel.
    const sub = new Redis(bed.redis.url);
    // Events, not messages: a store's orders committed together (group commit) share one message.
    let published = 0;
    sub.on('message', (_channel: string, message: string) => {
      published += (JSON.parse(message) as { e: unknown[] }).e.length;
    });
    await sub.subscribe(CHANNEL);
    // Orders answered from here on were published after the subscription was in place.
    await sleep(300);
    const ackedBefore = fleet.acknowledged.size;
    await sleep(6000);
    await fleet.stop(20_000);
    const ackedAfterResume = fleet.acknowledged.size - ackedBefore;
    await sleep(300);
    await sub.quit();
    expect(published, 'events on the Redis channel after its return').toBeGreaterThanOrEqual(
      ackedAfterResume,
    );

    // Every order reached the other instance's streams exactly once.
    const acknowledged = [...fleet.acknowledged.values()];
    const ids = acknowledged.map((x) => x.orderId);
    expect(await board.waitForOrders(ids, 10_000), 'every order reached the dashboard on B').toBe(true);
    await sleep(500);
    await board.stop();
    const created = board.createdIds();
    expect(created.length).toBe(new Set(created).size);
    expect(new Set(created)).toEqual(new Set(ids));
    const fresh = await http(b.baseUrl, 'GET', '/api/v1/admin/dashboard', { token: adminToken });
    expect(board.view()).toEqual(viewOf(fresh.json<Dashboard>()));
    const tableIds = tableStream.messages
      .filter((m) => m.event === 'order.created')
      .map((m) => (JSON.parse(m.data) as { id: number }).id);
    tableStream.close();
    const table1 = acknowledged.filter((x) => x.tableId === tablets[0]!.tableId).map((x) => x.orderId);
    expect(tableIds.length).toBe(new Set(tableIds).size);
    expect(new Set(tableIds)).toEqual(new Set(table1));

    const audit = await bed.audit(fleet.acknowledged, fleet.abandoned);
    expect(audit.ordersInDb).toBe(acknowledged.length);
    expect([...audit.missing, ...audit.duplicates, ...audit.phantoms.map(String)]).toEqual([]);

    // Delivery latency from the 201 on A to the event on B's stream, by phase.
    const tEnd = performance.now();
    const latency = (from: number, to: number) =>
      acknowledged
        .filter((x: Acknowledged) => x.ackedAt >= from && x.ackedAt < to)
        .map((x) => Math.max(0, (board.arrivals.get(x.orderId) ?? Infinity) - x.ackedAt));
    const up1 = latency(0, tDown);
    const down = latency(tDown, tUp);
    const up2 = latency(tUp + resumeMs, tEnd);
    expect(Math.max(...down), 'delivery while Redis is down (ms)').toBeLessThan(5000);
    expect(down.length).toBeGreaterThan(50);
    scenario
      .volume(
        `${fleet.attempts.length} order requests, ${created.length + tableIds.length} stream events, ${accountAttempts.length + addressAttempts.length + 3} logins`,
      )
      .set('orders placed on A (all acknowledged)', acknowledged.length)
      .set('order attempts (HTTP requests)', fleet.attempts.length)
      .set('orders placed while Redis was down', down.length)
      .set('order.created events received on B by the dashboard (each once)', created.length)
      .set('order.created events received on B by the table 1 stream (each once)', tableIds.length)
      .set(
        'delivery A→B with Redis, p50 / max (ms)',
        `${round(percentile(up1, 50))} / ${round(Math.max(...up1))}`,
      )
      .set(
        'delivery A→B while Redis was down (database fallback), p50 / max (ms)',
        `${round(percentile(down, 50))} / ${round(Math.max(...down))}`,
      )
      .set(
        'delivery A→B after Redis returned, p50 / max (ms)',
        `${round(percentile(up2, 50))} / ${round(Math.max(...up2))}`,
      )
      .set('login attempts while Redis was down', accountAttempts.length + 2 + addressAttempts.length + 1)
      .set('account lock after 5 failures (both instances)', `${locked.status} / ${lockedOnB.status}`)
      .set('address limit after 30 failures in a minute', limited.status)
      .set('Redis back to /health redis: ok on both instances (ms)', round(resumeMs))
      .set('messages seen on the Redis channel after its return', published)
      .set('dashboard on B equal to a fresh snapshot', 'yes');
    await scenario.pass(
      'Passed: with Redis down every order still reached the streams on the other instance (from the database, within a few seconds), each exactly once; the account lock (423) and the address limit (429) held on both instances; after Redis returned both instances reported it and published on the channel again.',
    );
  });
});
