// B2: orders from 200 tablets in 20 stores, 3 lines each, on SQLite and on MariaDB; B2s: the same from
// the 20 tables of one store, at 10 and 100 connections (one store's orders share its lock). Each run
// measures saturation (as many orders as the connections carry) and then the latency at a fixed offered
// load of half that capacity (latency at saturation is queueing); then the database is checked: one order
// per successful request, 3 lines each, order numbers distinct and gap-free, one order.created event per
// order with event ids in the order the numbers were taken (ids commit in order).
import { sql } from 'kysely';
import type { BenchContext, Scenario } from '../lib/context.js';
import { FakePrinter } from '../../tests/support/fake-printer.js';
import { parentEnv } from '../../tests/support/processes.js';
import { openDb } from '../../tests/support/seed.js';
import { createFixture, type Fixture, type TableFx } from '../lib/fixture.js';
import { paired, runLoad, summarize, type LoadSummary, type Paired } from '../lib/load.js';
import { check, figure, type Check, type Figure, type Target } from '../lib/report.js';

/** The body a tablet sends: 3 different dishes of its store. */
export function orderBody(t: TableFx, seed: number, note = ''): string {
  const items = t.store.items;
  const pick = (k: number) => items[(seed * 7 + k * 13) % items.length]?.id ?? 0;
  return JSON.stringify({
    items: [
      { menuItemId: pick(0), quantity: 1 },
      { menuItemId: pick(1), quantity: 2 },
      { menuItemId: pick(2), quantity: 1 + (seed % 3) },
    ],
    ...(note ? { note } : {}),
  });
}

async function dbCounts(databaseUrl: string, storeIds: number[]) {
  const h = openDb(databaseUrl);
  try {
    const orders = await h.db
      .selectFrom('orders')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('store_id', 'in', storeIds)
      .executeTakeFirstOrThrow();
    const distinct = await sql<{
      n: number;
    }>`select count(*) as n from (select distinct store_id, order_number from orders where store_id in (${sql.join(storeIds)})) d`.execute(
      h.db,
    );
    const lines = await sql<{
      n: number;
    }>`select count(*) as n from order_items i join orders o on o.id = i.order_id where o.store_id in (${sql.join(storeIds)})`.execute(
      h.db,
    );
    const gaps = await sql<{
      store_id: number;
      order_date: string;
      n: number;
      lo: number;
      hi: number;
    }>`select store_id, order_date, count(*) as n, min(seq) as lo, max(seq) as hi from orders where store_id in (${sql.join(storeIds)}) group by store_id, order_date`.execute(
      h.db,
    );
    // Per store, in event id order, the order.created events must name orders in number order: the id
    // and the number are taken under one lock, so this fails if ids did not commit in order.
    const events = await h.db
      .selectFrom('events')
      .select(['store_id', 'id', 'payload'])
      .where('store_id', 'in', storeIds)
      .where('type', '=', 'order.created')
      .orderBy('store_id')
      .orderBy('id')
      .execute();
    let eventsInOrder = true;
    let previous: { store: number; date: string; seq: number } | undefined;
    for (const e of events) {
      // `<day>-<seq>`, the seq zero-padded to 4 digits but longer past 9,999: compared as numbers.
      const [date = '', seq = ''] = (JSON.parse(e.payload) as { orderNumber: string }).orderNumber.split('-');
      const later =
        previous?.store !== e.store_id ||
        date > previous.date ||
        (date === previous.date && Number(seq) > previous.seq);
      if (!later) eventsInOrder = false;
      previous = { store: e.store_id, date, seq: Number(seq) };
    }
    return {
      events: events.length,
      eventsInOrder,
      orders: Number(orders.n),
      distinctNumbers: Number(distinct.rows[0]?.n ?? 0),
      lines: Number(lines.rows[0]?.n ?? 0),
      gapFree: gaps.rows.every((g) => Number(g.lo) === 1 && Number(g.hi) === Number(g.n)),
    };
  } finally {
    await h.close();
  }
}

async function storedIds(databaseUrl: string, storeIds: number[]): Promise<Set<number>> {
  const h = openDb(databaseUrl);
  try {
    const rows = await h.db.selectFrom('orders').select('id').where('store_id', 'in', storeIds).execute();
    return new Set(rows.map((r) => Number(r.id)));
  } finally {
    await h.close();
  }
}

/**
 * With BENCH_PRINTERS=n, every store gets n enabled kitchen printers (fake ones on this machine that take
 * 100 ms per ticket, like a real one): each order then queues n print jobs in its transaction and the
 * servers' print workers send them while the load runs. Answers how to take them away again.
 */
// The bench's own knob, like --only (run.ts's flags are not this scenario's): BENCH_PRINTERS=4 npm run bench -- --only B2
async function withPrinters(fixture: Fixture): Promise<{ printed: () => number; stop: () => Promise<void> }> {
  const n = Number(parentEnv.BENCH_PRINTERS ?? 0);
  if (!n) return { printed: () => 0, stop: () => Promise.resolve() };
  const printers = await Promise.all(Array.from({ length: n }, () => FakePrinter.start()));
  for (const p of printers) p.delayMs = 100;
  const storeIds = fixture.stores.map((st) => st.id);
  const h = openDb(fixture.databaseUrl);
  try {
    await h.db
      .insertInto('printers')
      .values(
        fixture.stores.flatMap((st) =>
          printers.map((p, i) => ({
            store_id: st.id,
            name: `bench ${i + 1}`,
            host: '127.0.0.1',
            port: p.port,
            role: 'kitchen',
            category_ids: '[]',
            paper_width: 80,
            enabled: 1,
            failing_since: null,
            last_error: null,
            created_at: Date.now(),
          })),
        ),
      )
      .execute();
  } finally {
    await h.close();
  }
  return {
    printed: () => printers.reduce((sum, p) => sum + p.tickets.length, 0),
    stop: async () => {
      await Promise.all(printers.map((p) => p.stop()));
      const h2 = openDb(fixture.databaseUrl);
      try {
        await h2.db.deleteFrom('print_jobs').where('store_id', 'in', storeIds).execute();
        await h2.db.deleteFrom('printers').where('store_id', 'in', storeIds).execute();
      } finally {
        await h2.close();
      }
    },
  };
}

interface MeasureOptions {
  scenario: string;
  connections: number;
  /** Targets: orders/s at saturation, p99 at saturation, p99 at half capacity. */
  rps?: Target;
  p99?: Target;
  halfP99?: Target;
}

async function measure(
  ctx: BenchContext,
  label: string,
  fixture: Fixture,
  o: MeasureOptions,
): Promise<{ figures: Figure[]; checks: Check[]; details: Record<string, unknown>; rps: number }> {
  const CONNECTIONS = o.connections;
  const storeIds = fixture.stores.map((s) => s.id);
  const before = await dbCounts(fixture.databaseUrl, storeIds);
  const printers = await withPrinters(fixture);
  const server = await ctx.api(o.scenario, {
    name: `${o.scenario.toLowerCase()}-api-${label.toLowerCase().replaceAll(/[^a-z0-9]+/g, '-')}`,
    databaseUrl: fixture.databaseUrl,
  });
  const url = `${server.baseUrl}/api/v1/table/orders`;
  let seed = 0;
  // The id of every order answered 201, to find each one in the database afterwards.
  const answered: number[] = [];
  const load = async (duration: number, rate?: number): Promise<LoadSummary> => {
    let next = 0;
    const r = await runLoad({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration,
      ...(rate === undefined ? {} : { overallRate: rate }),
      idReplacement: true,
      requests: [
        {
          method: 'POST',
          onResponse: (status, body) => {
            if (status === 201) answered.push((JSON.parse(body) as { id: number }).id);
          },
        },
      ],
      // One tablet per connection: its token, its store's dishes, a fresh Idempotency-Key per order.
      setupClient: (c) => {
        const t = fixture.tables[next++ % fixture.tables.length];
        if (!t) return;
        c.setHeadersAndBody(
          {
            authorization: `Bearer ${t.token}`,
            'content-type': 'application/json',
            'idempotency-key': 'bench-[<id>]',
          },
          orderBody(t, seed++),
        );
      },
    });
    return summarize(r, CONNECTIONS);
  };
  const all: LoadSummary[] = [];
  all.push(await load(2)); // warm-up (its orders are counted in the checks too)
  const result: Paired = await paired(ctx.baseline, CONNECTIONS, ctx.rounds, ctx.durationSec, async (d) => {
    const s = await load(d);
    all.push(s);
    return s;
  });
  // Latency as users feel it: a fixed offered load of half the capacity just measured (open loop, the
  // same connections), beside the same rate on the baseline.
  const halfRate = Math.max(1, Math.round(result.scenario.rps / 2));
  const half = await load(ctx.durationSec, halfRate);
  all.push(half);
  const halfBaseline = await ctx.baseline.atRate(CONNECTIONS, halfRate, ctx.durationSec);
  await server.stop();
  const ticketsPrinted = printers.printed();
  await printers.stop();
  const after = await dbCounts(fixture.databaseUrl, storeIds);
  const stored = await storedIds(fixture.databaseUrl, storeIds);
  const answeredSet = new Set(answered);
  const lost = answered.filter((id) => !stored.has(id)).length;
  const ok = all.reduce((n, s) => n + s.ok, 0);
  // Requests still in flight when a timed run stops are answered to nobody, but the server completes them.
  const inFlight = all.reduce((n, s) => n + (s.sent - s.requests), 0);
  const errors = all.reduce((n, s) => n + s.errors, 0);
  const created = after.orders - before.orders;
  const s = result.scenario;
  return {
    figures: [
      figure(`${label}: orders/s (saturation)`, s.rps, 'req/s', {
        ...(o.rps ? { target: o.rps } : {}),
        baseline: result.baseline.rps,
      }),
      figure(`${label}: order p99 latency at saturation (queueing)`, s.p99Ms, 'ms', {
        ...(o.p99 ? { target: o.p99 } : {}),
        baseline: result.baseline.p99Ms,
        note: `p50 ${s.p50Ms} ms`,
      }),
      figure(`${label}: order p99 latency at ${halfRate}/s (half capacity)`, half.p99Ms, 'ms', {
        ...(o.halfP99 ? { target: o.halfP99 } : {}),
        baseline: halfBaseline.p99Ms,
        note: `p50 ${half.p50Ms} ms; ${Math.round(half.rps)} orders/s answered`,
      }),
      figure(`${label}: errors`, errors, '', { target: { kind: 'max', max: 0 } }),
    ],
    checks: [
      check(
        `${label}: every request answered 201`,
        errors === 0,
        `${ok} × 201, ${errors} errors or other statuses ${JSON.stringify(s.statusCodes)}`,
      ),
      check(
        `${label}: every 201 is a stored order, once`,
        lost === 0 && answeredSet.size === answered.length && answered.length === ok,
        `${answered.length} orders answered 201 (${answeredSet.size} distinct ids), ${lost} of them not in the database`,
      ),
      check(
        `${label}: no order without a request`,
        created >= ok && created <= ok + inFlight,
        `${created} orders written: ${ok} answered 201 + ${created - ok} of the ${inFlight} requests still in flight when a timed run stopped (the server finishes what it had read)`,
      ),
      check(
        `${label}: 3 lines per order`,
        after.lines - before.lines === created * 3,
        `${after.lines - before.lines} lines for ${created} orders`,
      ),
      check(
        `${label}: order numbers distinct`,
        after.distinctNumbers === after.orders,
        `${after.distinctNumbers} distinct (store, number) for ${after.orders} orders`,
      ),
      check(`${label}: order numbers gap-free`, after.gapFree, 'per store and day, sequence numbers run 1…n'),
      check(
        `${label}: events in id order = commit order`,
        after.eventsInOrder && after.events - before.events === created,
        `${after.events - before.events} order.created events for ${created} orders; per store, event ids ${after.eventsInOrder ? 'follow' : 'do NOT follow'} order numbers`,
      ),
    ],
    details: {
      connections: CONNECTIONS,
      halfRate,
      half,
      halfBaseline,
      result,
      runs: all,
      before,
      after,
      printersPerStore: Number(parentEnv.BENCH_PRINTERS ?? 0),
      ticketsPrinted,
    },
    rps: s.rps,
  };
}

export const b2: Scenario = {
  id: 'B2',
  title: 'Orders from 200 tablets in 20 stores, 3 lines each (SQLite, MariaDB)',
  async run(ctx) {
    const sqlite = await measure(ctx, 'SQLite', ctx.sqlite, {
      scenario: 'B2',
      connections: 200,
      rps: { kind: 'ratioMin', min: 0.1 },
      halfP99: { kind: 'max', max: 50 },
    });
    const maria = await measure(ctx, 'MariaDB', await ctx.mysql(), {
      scenario: 'B2',
      connections: 200,
      rps: { kind: 'ratioMin', min: 0.04 },
      halfP99: { kind: 'max', max: 100 },
    });
    ctx.measured.set('B2.sqlite.rps', sqlite.rps);
    ctx.measured.set('B2.mariadb.rps', maria.rps);
    return {
      figures: [...sqlite.figures, ...maria.figures],
      checks: [...sqlite.checks, ...maria.checks],
      details: { sqlite: sqlite.details, mariadb: maria.details },
    };
  },
};

/** One store with 20 tables and the bench menu, on the database `base` uses (created through an API). */
async function oneStore(ctx: BenchContext, base: Fixture, label: string): Promise<Fixture> {
  const setup = await ctx.api('setup', { name: `b2s-setup-${label}`, databaseUrl: base.databaseUrl });
  try {
    return await createFixture(setup.baseUrl, base.databaseUrl, {
      stores: 1,
      tables: 20,
      categories: 5,
      itemsPerCategory: 8,
      prefix: `one-${label}`,
    });
  } finally {
    await setup.stop();
  }
}

export const b2s: Scenario = {
  id: 'B2S',
  title: 'Orders from the 20 tables of one store, 3 lines each, 10 and 100 connections (SQLite, MariaDB)',
  async run(ctx) {
    const out: { figures: Figure[]; checks: Check[]; details: Record<string, unknown> } = {
      figures: [],
      checks: [],
      details: {},
    };
    const runs: [string, Fixture, MeasureOptions][] = [];
    const sqlite = await oneStore(ctx, ctx.sqlite, 'sqlite');
    const maria = await oneStore(ctx, await ctx.mysql(), 'mariadb');
    runs.push(
      ['SQLite, 10 connections', sqlite, { scenario: 'B2S', connections: 10 }],
      [
        'SQLite, 100 connections',
        sqlite,
        { scenario: 'B2S', connections: 100, rps: { kind: 'min', min: 2000 } },
      ],
      ['MariaDB, 10 connections', maria, { scenario: 'B2S', connections: 10, p99: { kind: 'max', max: 50 } }],
      [
        'MariaDB, 100 connections',
        maria,
        { scenario: 'B2S', connections: 100, rps: { kind: 'min', min: 1000 } },
      ],
    );
    for (const [label, fixture, o] of runs) {
      const r = await measure(ctx, label, fixture, o);
      out.figures.push(...r.figures);
      out.checks.push(...r.checks);
      out.details[label] = r.details;
    }
    return out;
  },
};
