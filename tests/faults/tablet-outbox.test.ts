// Fault 6: the API is unreachable for 20 s while 50 tablets keep ordering. The tablets run the tablet
// app's own outbox (apps/customer/src/orders/outbox.ts) and API client in Node: an order without an answer
// is queued on the tablet with its Idempotency-Key and sent when the server answers again. Every confirmed
// order ends on the board exactly once, and each tablet's orders arrive in the order they were confirmed.
import type { Order } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../support/api-server.js';
import { mapLimit, rng, sleep } from '../support/common.js';
import { FaultBed } from '../support/fault-bed.js';
import { ResultsFile } from '../support/figures.js';
import { http, round } from '../support/http.js';
import { OrderingLoop, OutboxTablet } from '../support/outbox-tablets.js';
import { loginAdmin } from '../support/seed.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const TABLETS = 50;
const OUTAGE_MS = 20_000;
const results = new ResultsFile('faults', import.meta.url);

describe('F6: API unreachable for 20 s while 50 tablets keep ordering (tablet outbox)', () => {
  let bed: FaultBed;
  let api: ApiProcess;
  let tablets: OutboxTablet[];
  let adminToken: string;

  beforeAll(async () => {
    bed = await FaultBed.create({
      database: 'faults_outbox',
      store: { identifier: 'outbox', tables: TABLETS },
    });
    [api] = (await bed.startApis(1, { DATABASE_POOL_SIZE: '10' })) as [ApiProcess];
    tablets = bed.store.tables.map(
      (t) => new OutboxTablet(api.baseUrl, bed.store.identifier, bed.store.tablePassword, t),
    );
    await mapLimit(tablets, 4, (t) => t.start());
    adminToken = await loginAdmin(api.baseUrl, bed.store);
  });

  afterAll(async () => {
    for (const t of tablets ?? []) t.stop();
    await bed?.dispose();
  });

  it('delivers every confirmed order exactly once, in each tablet’s order, after the outage', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'F6',
      'API unreachable for 20 s while 50 tablets keep ordering (tablet outbox)',
      `${TABLETS} simulated tablets run the tablet app's own outbox and API client (apps/customer/src/orders/outbox.ts, TableSession) in Node, with localStorage replaced by a Map. Each confirms a cart of 1–3 lines every 1.5–3 s: sent at once when nothing waits, and queued in the outbox with its Idempotency-Key when it gets no answer (network error, 10 s timeout, 502/503/504) or when earlier orders still wait. The outbox sends in order, probing with backoff (1 s doubling to 30 s, ±20 %) and at once when a new order is confirmed. 5 s in, the API process is killed (SIGKILL, cutting requests in flight) and started again ${OUTAGE_MS / 1000} s later on the same port and MariaDB database; the tablets order throughout and for 8 s after, then stop ordering while their outboxes drain. The database and every table's order list (GET /api/v1/admin/tables/{id}/orders) are then audited against what the tablets confirmed.`,
    );
    const loop = new OrderingLoop(
      tablets,
      bed.store.items.map((i) => i.id),
      [1500, 3000],
      rng(6),
    );
    await sleep(5000);
    const confirmedBefore = tablets.reduce((s, t) => s + t.confirmed.length, 0);
    const tKill = performance.now();
    await api.kill('SIGKILL');
    await sleep(OUTAGE_MS);
    await api.start();
    const tBack = performance.now();
    const maxQueued = tablets.reduce((s, t) => s + t.pending(), 0);
    const confirmedDuringOutage = tablets.reduce((s, t) => s + t.confirmed.length, 0) - confirmedBefore;
    await sleep(8000);
    await loop.stop();

    // Drain: every outbox empties by itself (probes with backoff; no more orders kick it).
    let tDrained = Number.NaN;
    const deadline = performance.now() + 90_000;
    while (performance.now() < deadline) {
      if (tablets.every((t) => t.pending() === 0)) {
        tDrained = performance.now();
        break;
      }
      await sleep(100);
    }
    expect(
      tablets.filter((t) => t.pending() > 0).map((t) => `table ${t.table.number}: ${t.pending()} waiting`),
      'outboxes left with orders',
    ).toEqual([]);

    const confirmed = tablets.flatMap((t) => t.confirmed);
    const queued = confirmed.filter((c) => c.queued);
    const acknowledged = tablets.flatMap((t) => t.acknowledged());
    const refused = tablets.flatMap((t) => t.refused);
    expect(
      refused.map((r) => `${r.key}: ${r.err.status} ${r.err.code}`),
      'refused orders',
    ).toEqual([]);
    expect(acknowledged.length, 'every confirmed order was delivered').toBe(confirmed.length);
    expect(queued.length, 'orders that went through the outbox').toBeGreaterThan(TABLETS);

    // Each key one order, each order one key.
    const orderIds = acknowledged.map((a) => a.orderId);
    expect(new Set(orderIds).size, 'distinct orders for distinct keys').toBe(orderIds.length);

    // The database: each confirmed order exactly once and whole, and nothing else.
    const audit = await bed.audit(new Map(acknowledged.map((a) => [a.key, a])), new Map());
    expect(audit.missing).toEqual([]);
    expect(audit.duplicates).toEqual([]);
    expect(audit.phantoms).toEqual([]);
    expect(audit.incomplete).toEqual([]);
    expect(audit.withoutEvent).toEqual([]);
    expect(audit.duplicateOrderNumbers).toEqual([]);
    expect(audit.ordersInDb).toBe(confirmed.length);

    // The board: every table's live orders are exactly the ones its tablet confirmed, once each.
    const boards = await mapLimit(tablets, 8, async (t) => {
      const res = await http(api.baseUrl, 'GET', `/api/v1/admin/tables/${t.table.id}/orders`, {
        token: adminToken,
      });
      expect(res.status).toBe(200);
      return { tablet: t, orders: res.json<{ orders: Order[] }>().orders };
    });
    const onBoard = boards.flatMap((b) => b.orders.map((o) => o.id));
    expect(onBoard.length, 'orders on the board (duplicates would exceed the confirmed)').toBe(
      confirmed.length,
    );
    expect(new Set(onBoard)).toEqual(new Set(orderIds));

    // In order: each tablet's orders got ascending order numbers in the order its guests confirmed them.
    const outOfOrder = tablets.filter((t) => {
      const numbers = t.acknowledged().map((a) => a.orderNumber);
      return numbers.some((n, i) => i > 0 && n <= numbers[i - 1]!);
    });
    expect(
      outOfOrder.map((t) => t.table.number),
      'tablets whose orders arrived out of order',
    ).toEqual([]);

    const requests = tablets.reduce((s, t) => s + t.orderRequests, 0);
    const replayed = tablets.reduce((s, t) => s + t.replayedAnswers, 0);
    // The orders that waited when the API came back: when the last of them reached the board.
    const waitedAtRecovery = confirmed.filter((c) => c.queued && c.confirmedAt < tBack);
    const lastOfThem = Math.max(
      ...waitedAtRecovery.map((c) => tablets.find((t) => t.table.id === c.tableId)!.deliveredAt.get(c.key)!),
    );
    const drainMs = tDrained - tBack;
    scenario
      .volume(`${requests} order requests from ${TABLETS} tablets, ${confirmed.length} orders`)
      .set('tablets', TABLETS)
      .set('API unreachable: kill to restarted and healthy (ms)', round(tBack - tKill))
      .set('orders confirmed by guests', confirmed.length)
      .set('orders confirmed while the API was unreachable', confirmedDuringOutage)
      .set('orders that went through the outbox', queued.length)
      .set('orders waiting in outboxes when the API was back', maxQueued)
      .set('order requests (HTTP, direct and from outboxes)', requests)
      .set('orders delivered (on the board)', onBoard.length)
      .set('answers that were replays of an order already placed (answer lost at the kill)', replayed)
      .set('time from the API back to the last waiting order delivered (ms)', round(lastOfThem - tBack))
      .set(
        'duplicates / missing / phantom orders',
        `${audit.duplicates.length} / ${audit.missing.length} / ${audit.phantoms.length}`,
      )
      .set('orders refused', refused.length)
      .set('tablets whose orders arrived out of confirmation order', outOfOrder.length)
      .set(
        'time to drain every outbox after the API was back (ms, while 8 s more ordering went on)',
        round(drainMs),
      );
    await scenario.pass(
      'Passed: every order a guest confirmed, 0 lost, reached the board exactly once (0 duplicates, 0 phantoms), each tablet in the order its guests confirmed, and every outbox emptied by itself after the API came back.',
    );
  });
});
