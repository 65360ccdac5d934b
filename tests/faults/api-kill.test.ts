// Fault 1: the API process is SIGKILLed while 200 tablets order steadily, then restarted. Nothing an
// acknowledged tablet was told is lost, retries create nothing twice, and a dashboard that follows the
// live stream across the restart ends exactly where a fresh snapshot is.
import type { Dashboard } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DashboardFollower, viewOf } from '../support/dashboard.js';
import { ResultsFile } from '../support/figures.js';
import { http, round } from '../support/http.js';
import { loginAdmin, loginTables } from '../support/seed.js';
import { TabletFleet } from '../support/tablets.js';
import type { ApiProcess } from '../support/api-server.js';
import { mapLimit, sleep } from '../support/common.js';
import { FaultBed } from '../support/fault-bed.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const TABLETS = 200;
const results = new ResultsFile('faults', import.meta.url);

describe('F1: API process killed under 200 ordering tablets', () => {
  let bed: FaultBed;
  let api: ApiProcess;
  let tablets: { tableId: number; token: string }[];
  let adminToken: string;

  beforeAll(async () => {
    bed = await FaultBed.create({ database: 'faults_kill', store: { identifier: 'kill', tables: TABLETS } });
    [api] = (await bed.startApis(1, { DATABASE_POOL_SIZE: '20' })) as [ApiProcess];
    tablets = await loginTables(api.baseUrl, bed.store, 8);
    adminToken = await loginAdmin(api.baseUrl, bed.store);
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  it('loses no acknowledged order, doubles none on retry, and the dashboard ends on the fresh snapshot', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'F1',
      'API process killed (SIGKILL) under 200 ordering tablets, then restarted',
      `The API process runs on its own MariaDB. ${TABLETS} simulated tablets (one table each, logged in with their own table token) order steadily: a cart of 1–3 lines every 1.5–3 s, each cart with its own Idempotency-Key, retried with the same key every 0.3 s on a network error or 5xx. A dashboard follows the store's live stream (stream first, then snapshot). 6 s in, the API process is killed with SIGKILL and started again at once on the same port and database. Load continues 6 s after the restart, then every pending cart is retried until acknowledged. Afterwards every acknowledged key is sent once more, the database is audited, and the dashboard's state is compared with a fresh GET /api/v1/admin/dashboard.`,
    );
    const fleet = new TabletFleet({
      base: api.baseUrl,
      tablets,
      itemIds: bed.store.items.map((i) => i.id),
      thinkMs: [1500, 3000],
      retryMs: 300,
      timeoutMs: 10_000,
    });
    const board = new DashboardFollower(() => api.baseUrl, adminToken);
    await board.start();
    fleet.start();
    await sleep(6000);

    const tKill = fleet.now();
    await api.kill('SIGKILL');
    const createdBeforeRestart = fleet.acknowledged.size;
    await api.start();
    const downMs = fleet.now() - tKill;
    await sleep(6000);
    await fleet.stop(30_000);

    // Every acknowledged key sent again: the same order comes back, marked as a replay, nothing new.
    const acknowledged = [...fleet.acknowledged.values()];
    const attemptsBeforeReplay = fleet.attempts.length;
    const tokenOf = new Map(tablets.map((t) => [t.tableId, t.token]));
    const replays = await mapLimit(acknowledged, 20, (a) =>
      fleet.attempt(a.tableId, tokenOf.get(a.tableId)!, a.key, a.body),
    );
    const badReplays = replays.filter(
      (r, i) => r.status !== 201 || !r.replayed || r.orderId !== acknowledged[i]!.orderId,
    );
    expect(
      badReplays.map((r) => `${r.key}: ${r.status} replayed=${r.replayed}`),
      'replays of acknowledged keys',
    ).toEqual([]);

    // The database: each acknowledged order exactly once and whole, and nothing else.
    const audit = await bed.audit(fleet.acknowledged, fleet.abandoned);
    expect(fleet.abandoned.size, 'carts never acknowledged').toBe(0);
    expect(fleet.conflicts, 'one key acknowledged with two orders').toEqual([]);
    expect(audit.missing).toEqual([]);
    expect(audit.duplicates).toEqual([]);
    expect(audit.phantoms).toEqual([]);
    expect(audit.incomplete).toEqual([]);
    expect(audit.withoutEvent).toEqual([]);
    expect(audit.duplicateOrderNumbers).toEqual([]);
    expect(audit.ordersInDb).toBe(fleet.acknowledged.size);
    const unexpected = fleet.attempts.filter(
      (a) => typeof a.status === 'number' && a.status !== 201 && a.status !== 503,
    );
    expect(
      unexpected.map((a) => `${a.status} at ${round(a.at)}`),
      'answers other than 201/503',
    ).toEqual([]);

    // The dashboard: every order arrived exactly once across the restart, and its board is the snapshot's.
    const orderIds = acknowledged.map((a) => a.orderId);
    expect(await board.waitForOrders(orderIds, 15_000), 'every order reached the dashboard').toBe(true);
    await sleep(500);
    await board.stop();
    const created = board.createdIds();
    expect(created.length, 'order.created events received (duplicates would exceed the orders)').toBe(
      new Set(created).size,
    );
    expect(new Set(created)).toEqual(new Set(orderIds));
    expect(board.connections, 'the dashboard reconnected after the kill').toBeGreaterThanOrEqual(2);
    expect(board.resyncs).toBe(0);
    const fresh = await http(api.baseUrl, 'GET', '/api/v1/admin/dashboard', { token: adminToken });
    expect(board.view()).toEqual(viewOf(fresh.json<Dashboard>()));

    // In flight at the kill: attempts started before it that got no answer.
    const runAttempts = fleet.attempts.slice(0, attemptsBeforeReplay);
    const cut = runAttempts.filter((a) => a.status === 'network' && a.at <= tKill);
    const retried = acknowledged.filter((a) => a.attempts > 1).length;
    const replayedAfterFailure = runAttempts.filter((a) => a.replayed && a.status === 201).length;
    scenario
      .volume(
        `${runAttempts.length} order requests from ${TABLETS} tablets, ${acknowledged.length} orders, ${replays.length} key replays, ${created.length} stream events`,
      )
      .set('tablets', TABLETS)
      .set('order attempts (HTTP requests) during the run', runAttempts.length)
      .set('orders acknowledged with 201', acknowledged.length)
      .set('orders acknowledged before the kill', createdBeforeRestart)
      .set('requests cut by the kill (no answer)', cut.length)
      .set('carts that needed more than one attempt', retried)
      .set('retries answered with the original order (commit done, answer lost)', replayedAfterFailure)
      .set('downtime: kill to restarted and healthy (ms)', round(downMs))
      .set('acknowledged keys sent again after recovery', replays.length)
      .set('orders in the database', audit.ordersInDb)
      .set(
        'duplicates / missing / phantom orders',
        `${audit.duplicates.length} / ${audit.missing.length} / ${audit.phantoms.length}`,
      )
      .set('dashboard connections (1 + reconnects with Last-Event-ID)', board.connections)
      .set('order.created events received by the dashboard', created.length)
      .set(
        'dashboard tables equal to the fresh snapshot',
        `${board.view().tables.length} of ${fresh.json<Dashboard>().tables.length}`,
      );
    await scenario.pass(
      'Passed: every acknowledged order exists exactly once, retries and a second replay of every key created nothing, and the dashboard that reconnected with Last-Event-ID received every order once and shows the same board as a fresh snapshot.',
    );
  });
});
