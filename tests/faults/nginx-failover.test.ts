// Fault 5: Nginx (deploy/nginx/table-order.conf) in front of two API instances; one is SIGKILLed while
// dashboards hold live streams through the proxy and tablets order through it. The same approach as
// apps/api/test/deploy.services.test.ts ("keeps serving through the other instance"), at a larger scale:
// many streams, steady load, every stream checked for loss and duplicates.
import type { Dashboard } from '@table-order/contracts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, getGlobalDispatcher, setGlobalDispatcher, type Dispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../support/nginx.js';
import { DashboardFollower, viewOf } from '../support/dashboard.js';
import { ResultsFile } from '../support/figures.js';
import { http } from '../support/http.js';
import { loginAdmin, loginTables } from '../support/seed.js';
import { TabletFleet } from '../support/tablets.js';
import type { ApiProcess } from '../support/api-server.js';
import { sleep } from '../support/common.js';
import { FaultBed } from '../support/fault-bed.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const STREAMS = 10;
const results = new ResultsFile('faults', import.meta.url);

describe('F5: Nginx in front of two instances, one killed mid-stream', () => {
  let bed: FaultBed;
  let uploads: string;
  let api1: ApiProcess;
  let api2: ApiProcess;
  let nginx: RunningNginx;
  let base: string;
  let tablets: { tableId: number; token: string }[];
  let adminToken: string;
  let previousDispatcher: Dispatcher;

  beforeAll(async () => {
    previousDispatcher = getGlobalDispatcher();
    // Nginx serves the test's self-signed certificate.
    setGlobalDispatcher(new Agent({ connect: { rejectUnauthorized: false } }));
    bed = await FaultBed.create({
      database: 'faults_nginx',
      store: { identifier: 'nginx', tables: 20 },
      redisChannel: 'faults:nginx',
    });
    uploads = mkdtempSync(join(tmpdir(), 'to-faults-uploads-'));
    [api1, api2] = (await bed.startApis(2, { TRUSTED_PROXIES: '127.0.0.1', UPLOAD_DIR: uploads })) as [
      ApiProcess,
      ApiProcess,
    ];
    nginx = await startNginx([api1.port, api2.port], uploads);
    base = nginx.httpsUrl;
    tablets = await loginTables(base, bed.store);
    adminToken = await loginAdmin(base, bed.store);
  });

  afterAll(async () => {
    await nginx?.stop();
    await bed?.dispose();
    if (uploads) rmSync(uploads, { recursive: true, force: true });
    setGlobalDispatcher(previousDispatcher);
  });

  it('moves every stream to the surviving instance with nothing lost or doubled', async () => {
    showLogsOnFailure(api1, api2);
    const scenario = await results.begin(
      'F5',
      'Nginx in front of two instances, one killed mid-stream',
      `The real Nginx with deploy/nginx/table-order.conf (ports and paths rewritten for loopback, HTTPS with a self-signed certificate) balances two API processes that share their own MariaDB and Redis. ${STREAMS} dashboards hold live streams through Nginx (round robin spreads them over both instances) and 20 tablets order through Nginx (a cart every 0.3–0.8 s, retried with the same key on 502/503 or a network error). 4 s in, instance 1 is killed with SIGKILL; the dashboards whose stream ended reconnect through Nginx with Last-Event-ID, as the app does. Load continues 6 s. This extends apps/api/test/deploy.services.test.ts (two streams, six orders) to steady load.`,
    );
    const boards = Array.from({ length: STREAMS }, () => new DashboardFollower(() => base, adminToken));
    // Each dashboard makes two requests (stream, snapshot); one more in between makes round robin
    // alternate the streams between the instances.
    for (const b of boards) {
      await b.start();
      await http(base, 'GET', '/health');
    }
    const fleet = new TabletFleet({
      base,
      tablets,
      itemIds: bed.store.items.map((i) => i.id),
      thinkMs: [300, 800],
      retryMs: 300,
      timeoutMs: 10_000,
    });
    fleet.start();
    await sleep(4000);
    await api1.kill('SIGKILL');
    const healthDuring: number[] = [];
    for (let i = 0; i < 12; i++) {
      healthDuring.push((await http(base, 'GET', '/health')).status);
      await sleep(500);
    }
    await fleet.stop(20_000);

    const acknowledged = [...fleet.acknowledged.values()];
    const ids = acknowledged.map((a) => a.orderId);
    const fresh = viewOf(
      (await http(base, 'GET', '/api/v1/admin/dashboard', { token: adminToken })).json<Dashboard>(),
    );
    let events = 0;
    for (const [i, b] of boards.entries()) {
      expect(await b.waitForOrders(ids, 15_000), `dashboard ${i} got every order`).toBe(true);
      await sleep(200);
      await b.stop();
      const created = b.createdIds();
      events += created.length;
      expect(created.length, `dashboard ${i}: no order twice`).toBe(new Set(created).size);
      expect(new Set(created), `dashboard ${i}: exactly the acknowledged orders`).toEqual(new Set(ids));
      expect(b.resyncs).toBe(0);
      expect(b.view(), `dashboard ${i} equals a fresh snapshot`).toEqual(fresh);
    }
    const moved = boards.filter((b) => b.connections > 1).length;
    expect(moved, 'streams that were on the killed instance moved').toBeGreaterThan(0);
    expect(moved, 'streams on the surviving instance stayed').toBeLessThan(STREAMS);
    expect(
      healthDuring.every((s) => s === 200),
      '/health through Nginx while one instance is dead',
    ).toBe(true);

    const audit = await bed.audit(fleet.acknowledged, fleet.abandoned);
    expect(fleet.abandoned.size).toBe(0);
    expect(audit.ordersInDb).toBe(acknowledged.length);
    expect([...audit.missing, ...audit.duplicates, ...audit.phantoms.map(String)]).toEqual([]);
    const counts = fleet.statusCounts();
    const unexpected = Object.keys(counts).filter((k) => !['201', '502', '503', 'network'].includes(k));
    expect(unexpected, 'answers other than 201 or a retryable failure').toEqual([]);

    scenario
      .volume(
        `${fleet.attempts.length} order requests, ${events} stream events over ${STREAMS} streams through Nginx`,
      )
      .set('dashboard streams through Nginx', STREAMS)
      .set('streams that were on the killed instance and moved', moved)
      .set('orders placed through Nginx (all acknowledged)', acknowledged.length)
      .set('order attempts (HTTP requests)', fleet.attempts.length)
      .set(
        'attempts answered 502/503 or cut while the instance died (retried with the same key)',
        (counts['502'] ?? 0) + (counts['503'] ?? 0) + (counts.network ?? 0),
      )
      .set('order.created events delivered over all streams', events)
      .set('events lost / duplicated', '0 / 0')
      .set('GET /health through Nginx after the kill', `${healthDuring.length} × 200`)
      .set('orders in the database (duplicates)', `${audit.ordersInDb} (${audit.duplicates.length})`);
    await scenario.pass(
      'Passed: the streams on the killed instance ended and came back through Nginx on the other instance with Last-Event-ID; every dashboard received every acknowledged order exactly once and matched a fresh snapshot; failed order attempts were retried with their key and created nothing twice.',
    );
  });
});
