// Fault 2: the API's MariaDB goes away for 10 s while tablets order, /health is polled and menus are read.
// Twice: the server process killed (connections refused) and frozen with SIGSTOP (connections hang).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResultsFile } from '../support/figures.js';
import { round } from '../support/http.js';
import { Poller, type Sample } from '../support/poller.js';
import { loginTables } from '../support/seed.js';
import { TabletFleet, type Attempt } from '../support/tablets.js';
import type { ApiProcess } from '../support/api-server.js';
import { sleep } from '../support/common.js';
import { FaultBed } from '../support/fault-bed.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const OUTAGE_MS = 10_000;
const BOUND_MS = 5_000;
const results = new ResultsFile('faults', import.meta.url);

describe('F2: MariaDB stopped for 10 s under load', () => {
  let bed: FaultBed;
  let api: ApiProcess;
  let tablets: { tableId: number; token: string }[];

  beforeAll(async () => {
    bed = await FaultBed.create({ database: 'faults_outage', store: { identifier: 'outage', tables: 20 } });
    [api] = (await bed.startApis(1)) as [ApiProcess];
    tablets = await loginTables(api.baseUrl, bed.store);
  });

  afterAll(async () => {
    await bed?.dispose();
  });

  async function outage(kind: 'killed' | 'frozen') {
    const fleet = new TabletFleet({
      base: api.baseUrl,
      tablets,
      itemIds: bed.store.items.map((i) => i.id),
      thinkMs: [100, 400],
      retryMs: 500,
      // Far above the bound: an answer later than BOUND_MS is measured, not cut off.
      timeoutMs: 20_000,
    });
    const health = new Poller(api.baseUrl, '/health', {
      everyMs: 200,
      timeoutMs: 20_000,
      now: () => fleet.now(),
    });
    const menu = new Poller(api.baseUrl, '/api/v1/table/menu', {
      everyMs: 200,
      timeoutMs: 20_000,
      token: tablets[0]!.token,
      now: () => fleet.now(),
    });
    fleet.start();
    health.start();
    menu.start();
    await sleep(2000);

    const tDown = fleet.now();
    if (kind === 'killed') await bed.mariadb.kill();
    else bed.mariadb.freeze();
    await sleep(OUTAGE_MS);
    if (kind === 'killed') await bed.mariadb.start();
    else bed.mariadb.thaw();
    const tBack = fleet.now();
    await sleep(6000);
    await fleet.stop(30_000);
    await health.stop();
    await menu.stop();
    return { fleet, health: health.samples, menu: menu.samples, tDown, tBack };
  }

  function check(
    kind: 'killed' | 'frozen',
    run: Awaited<ReturnType<typeof outage>>,
  ): Record<string, number | string> {
    const { fleet, tDown, tBack } = run;
    type Answer = Pick<Attempt | Sample, 'at' | 'ms' | 'status' | 'retryAfter'> & { what: string };
    const answers: Answer[] = [
      ...fleet.attempts.map((a) => ({ ...a, what: 'POST /api/v1/table/orders' })),
      ...run.health.map((s) => ({ ...s, what: 'GET /health' })),
      ...run.menu.map((s) => ({ ...s, what: 'GET /api/v1/table/menu' })),
    ];
    const label = (a: Answer) => `${a.what} at ${round(a.at)} ms: ${a.status} in ${round(a.ms)} ms`;
    const okStatus = (a: Answer) => (a.what.startsWith('POST') ? 201 : 200);

    // No hang, no 500: every request is answered within the bound, with success or 503 + Retry-After.
    const slow = answers.filter((a) => a.ms > BOUND_MS || typeof a.status !== 'number');
    expect(slow.map(label), 'answers slower than 5 s or without an answer').toEqual([]);
    const wrong = answers.filter((a) => a.status !== okStatus(a) && a.status !== 503);
    expect(wrong.map(label), 'answers other than success or 503').toEqual([]);
    const no503Header = answers.filter((a) => a.status === 503 && !a.retryAfter);
    expect(no503Header.map(label), '503 without Retry-After').toEqual([]);

    // 503 within 5 s of the database going away, on the API and on /health.
    const firstAnswer = (list: Answer[], pred: (a: Answer) => boolean, after: number) =>
      Math.min(...list.filter((a) => a.at >= after && pred(a)).map((a) => a.at + a.ms)) - after;
    const orders = answers.filter((a) => a.what.startsWith('POST'));
    const health = answers.filter((a) => a.what === 'GET /health');
    const menu = answers.filter((a) => a.what.startsWith('GET /api'));
    const first503 = firstAnswer(orders, (a) => a.status === 503, tDown);
    const firstHealth503 = firstAnswer(health, (a) => a.status === 503, tDown);
    expect(first503, 'first 503 on orders after the database stopped (ms)').toBeLessThanOrEqual(BOUND_MS);
    expect(firstHealth503, 'first 503 on /health after the database stopped (ms)').toBeLessThanOrEqual(
      BOUND_MS,
    );
    const healthBodies = run.health.filter((s) => s.status === 503).map((s) => JSON.parse(s.body) as object);
    expect(healthBodies[0]).toMatchObject({ status: 'unavailable', db: 'down' });

    // Back by itself within 5 s of the database's return: orders, menu and /health, and nothing fails after.
    const orderBack = firstAnswer(orders, (a) => a.status === 201, tBack);
    const healthBack = firstAnswer(health, (a) => a.status === 200, tBack);
    const menuBack = firstAnswer(menu, (a) => a.status === 200, tBack);
    expect(
      Math.max(orderBack, healthBack, menuBack),
      'recovery after the database returned (ms)',
    ).toBeLessThanOrEqual(BOUND_MS);
    const lateFailures = answers.filter((a) => a.at > tBack + BOUND_MS && a.status !== okStatus(a));
    expect(lateFailures.map(label), 'failures more than 5 s after the database returned').toEqual([]);

    const during = answers.filter((a) => a.at >= tDown && a.at < tBack);
    return {
      [`${kind}: requests (orders, /health, menu)`]: answers.length,
      [`${kind}: requests sent while the database was down`]: during.length,
      [`${kind}: 503 answers (all with Retry-After)`]: answers.filter((a) => a.status === 503).length,
      [`${kind}: 500 answers / unanswered requests`]: `${answers.filter((a) => a.status === 500).length} / ${answers.filter((a) => typeof a.status !== 'number').length}`,
      [`${kind}: slowest answer while down (ms)`]: round(Math.max(...during.map((a) => a.ms))),
      [`${kind}: first order 503 after the stop (ms)`]: round(first503),
      [`${kind}: first /health 503 after the stop (ms)`]: round(firstHealth503),
      [`${kind}: first order 201 after the return (ms)`]: round(orderBack),
      [`${kind}: first /health 200 after the return (ms)`]: round(healthBack),
    };
  }

  it('answers 503 with Retry-After within 5 s, never hangs or 500s, writes nothing half, recovers within 5 s', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'F2',
      'MariaDB stopped for 10 s under load',
      'The API process runs on its own MariaDB (own data folder, spare port). 20 tablets order continuously (one cart at a time, retrying a failed cart with the same Idempotency-Key every 0.5 s), /health and the guest menu are polled every 0.2 s. MariaDB is then stopped for 10 s twice: first killed with SIGKILL and restarted on the same data folder (connections refused, crash recovery), then frozen with SIGSTOP and resumed with SIGCONT (connections stay open and hang). Every answer is timed; afterwards every order in the database is audited.',
    );
    const figures: Record<string, number | string> = {};
    const fleets: TabletFleet[] = [];
    for (const kind of ['killed', 'frozen'] as const) {
      const run = await outage(kind);
      fleets.push(run.fleet);
      Object.assign(figures, check(kind, run));
    }

    const acknowledged = new Map(fleets.flatMap((f) => [...f.acknowledged]));
    const abandoned = new Map(fleets.flatMap((f) => [...f.abandoned]));
    const audit = await bed.audit(acknowledged, abandoned);
    expect(abandoned.size, 'carts never acknowledged').toBe(0);
    expect(fleets.flatMap((f) => f.conflicts)).toEqual([]);
    expect(audit.missing).toEqual([]);
    expect(audit.duplicates).toEqual([]);
    expect(audit.phantoms).toEqual([]);
    expect(audit.incomplete, 'orders without lines or with a wrong total').toEqual([]);
    expect(audit.withoutEvent).toEqual([]);
    expect(audit.duplicateOrderNumbers).toEqual([]);
    expect(audit.ordersInDb).toBe(acknowledged.size);
    for (const [k, v] of Object.entries(figures)) scenario.set(k, v);
    const orderRequests = fleets.reduce((n, f) => n + f.attempts.length, 0);
    const allRequests = Object.entries(figures)
      .filter(([k]) => k.endsWith('(orders, /health, menu)'))
      .reduce((n, [, v]) => n + Number(v), 0);
    scenario
      .volume(
        `${allRequests} requests (${orderRequests} order attempts, ${allRequests - orderRequests} /health and menu polls) over 2 outages of 10 s, ${acknowledged.size} orders`,
      )
      .set('orders acknowledged (201) over both outages', acknowledged.size)
      .set('orders in the database', audit.ordersInDb)
      .set(
        'carts retried after a 503 and then acknowledged once',
        [...acknowledged.values()].filter((a) => a.attempts > 1).length,
      )
      .set(
        'duplicates / half-written orders / orders without event',
        `${audit.duplicates.length} / ${audit.incomplete.length} / ${audit.withoutEvent.length}`,
      );
    await scenario.pass(
      'Passed: every request answered within 5 s (201/200 or 503 with Retry-After, never 500), /health said 503, service came back by itself within 5 s of the database, and every acknowledged order exists once and whole.',
    );
  });
});
