// B3: order → dashboard delivery with 1,000 tablet streams and 100 dashboard streams open, orders at
// 1,000/s, on one instance (SQLite); and again at a rate this machine's server sustains.
import type { BenchContext, Scenario, ScenarioOutput } from '../lib/context.js';
import { openLoopGet, runDelivery, type DeliveryResult } from '../lib/delivery.js';
import type { Fixture } from '../lib/fixture.js';
import { check, figure, type Check, type Figure } from '../lib/report.js';
import type { HttpServer } from '../lib/servers.js';

const RATE = 1000;
/** Seconds at the specified rate (an overloaded server may need far longer to answer them all). */
const SPEC_SECONDS = 5;
/** Seconds at the sustainable rate. */
const SECONDS = 10;

/** The exactly-once checks shared by B3 and B6. */
function deliveryChecks(label: string, r: DeliveryResult): Check[] {
  const shed = r.postStatuses['503'] ?? 0;
  return [
    check(
      `${label}: every order answered (201, or 503 when shed under overload)`,
      r.created + shed === r.sent,
      `${r.created} × 201, ${shed} × 503 of ${r.sent}; statuses ${JSON.stringify(r.postStatuses)}`,
    ),
    check(
      `${label}: every 201 is a stored order`,
      r.acceptedNotStored === 0,
      `${r.stored} orders of this run in the database; ${r.acceptedNotStored} answered 201 but missing`,
    ),
    check(
      `${label}: streams stayed open`,
      r.streams.endedEarly === 0,
      `${r.streams.dashboards} dashboard + ${r.streams.tablets} tablet streams, ${r.streams.endedEarly} ended early`,
    ),
    check(
      `${label}: every stored order delivered to every matching stream`,
      r.missing === 0,
      `${r.missing} deliveries missing (answers and deliveries awaited ${(r.drainMs / 1000).toFixed(1)} s after the last send)`,
    ),
    check(
      `${label}: no delivery doubled or unknown`,
      r.doubled === 0 && r.deliveredNotStored === 0,
      `${r.doubled} repeats, ${r.deliveredNotStored} deliveries of orders not in the database`,
    ),
    check(
      `${label}: nothing delivered to the wrong stream`,
      r.foreign === 0,
      `${r.foreign} orders of another store/table`,
    ),
  ];
}

/**
 * Runs the delivery measurement at the specified rate and at half the order capacity B2 measured (below
 * saturation, where the figure is the fan-out itself rather than a request queue).
 */
export async function deliveryAtTwoRates(
  ctx: BenchContext,
  o: {
    id: string;
    instances: HttpServer[];
    fixture: Fixture;
    capacityKey: string;
    /** Who measured the capacity (B2, or B6 itself). */
    capacitySource?: string;
    targets: { p50?: number; p99: number };
    cross: boolean;
  },
): Promise<ScenarioOutput> {
  const capacity = ctx.measured.get(o.capacityKey);
  const sustainable = Math.max(50, Math.round(((capacity ?? 400) * 0.5) / 10) * 10);
  const figures: Figure[] = [];
  const checks: Check[] = [];
  const details: Record<string, unknown> = {};
  for (const [label, rate] of [
    [`${RATE}/s`, RATE],
    [`${sustainable}/s`, sustainable],
  ] as const) {
    const r = await runDelivery({
      instances: o.instances,
      fixture: o.fixture,
      ratePerSec: rate,
      durationSec: rate === RATE ? SPEC_SECONDS : SECONDS,
      dashboardsPerStore: 5,
      streamsPerTable: 5,
      tag: `${o.id.toLowerCase()}r${rate}`,
      log: ctx.log,
    });
    const base = await openLoopGet(`${ctx.baselineUrl}/`, rate, 5);
    const spec = rate === RATE;
    const why = spec
      ? 'as specified'
      : `half the order capacity ${o.capacitySource ?? 'B2'} measured${capacity === undefined ? ` (${o.capacitySource ?? 'B2'} not run: 400/s assumed)` : ` (${capacity.toFixed(0)}/s)`}`;
    if (o.targets.p50 !== undefined) {
      figures.push(
        figure(`orders at ${label} (${why}): delivery p50`, r.dashboard.p50, 'ms', {
          target: { kind: 'max', max: o.targets.p50 },
          baseline: base.p50,
        }),
      );
    }
    figures.push(
      figure(`orders at ${label}: delivery p99`, r.dashboard.p99, 'ms', {
        target: { kind: 'max', max: o.targets.p99 },
        baseline: base.p99,
        note: `${o.targets.p50 === undefined ? `p50 ${r.dashboard.p50.toFixed(1)} ms, ` : ''}max ${r.dashboard.max.toFixed(0)} ms${o.cross ? `; across instances p99 ${r.dashboardCross.p99.toFixed(1)} ms` : ''}`,
      }),
      figure(`orders at ${label}: order POST p99`, r.post.p99, 'ms', {
        note: `p50 ${r.post.p50.toFixed(1)} ms; tablet streams p99 ${r.tablet.p99.toFixed(1)} ms`,
      }),
    );
    checks.push(...deliveryChecks(label, r));
    details[`rate${rate}`] = { result: r, baselineAtRate: base };
  }
  return { figures, checks, details };
}

export const b3: Scenario = {
  id: 'B3',
  title: 'Order → dashboard delivery, 1,000 tablet + 100 dashboard streams, orders at 1,000/s',
  async run(ctx) {
    const server = await ctx.api('B3', { name: 'b3-api', databaseUrl: ctx.sqlite.databaseUrl });
    return deliveryAtTwoRates(ctx, {
      id: 'B3',
      instances: [server],
      fixture: ctx.sqlite,
      capacityKey: 'B2.sqlite.rps',
      targets: { p50: 10, p99: 50 },
      cross: false,
    });
  },
};
