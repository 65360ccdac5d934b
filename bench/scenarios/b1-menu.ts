// B1: the guest menu under load, authenticated, full body (200) and revalidated (304).
import type { TableMenu } from '@table-order/contracts';
import type { Scenario } from '../lib/context.js';
import { paired, runLoad, summarize } from '../lib/load.js';
import { check, figure } from '../lib/report.js';

const CONNECTIONS = 100;

export const b1: Scenario = {
  id: 'B1',
  title: 'GET /api/v1/table/menu (5 categories, 40 items, authenticated)',
  async run(ctx) {
    const { tables, stores } = ctx.sqlite;
    const server = await ctx.api('B1', { name: 'b1-api', databaseUrl: ctx.sqlite.databaseUrl });
    const url = `${server.baseUrl}/api/v1/table/menu`;

    // Correctness first: every store's menu has the promised shape and an ETag.
    const etags = new Map<number, string>();
    const sizes: number[] = [];
    let shapeOk = true;
    for (const store of stores) {
      const t = store.tables[0];
      if (!t) throw new Error('store without tables');
      const r = await fetch(url, { headers: { authorization: `Bearer ${t.token}` } });
      const text = await r.text();
      const menu = JSON.parse(text) as TableMenu;
      const items = menu.categories.reduce((n, c) => n + c.items.length, 0);
      if (r.status !== 200 || menu.categories.length !== 5 || items !== 40 || !r.headers.get('etag'))
        shapeOk = false;
      etags.set(store.id, r.headers.get('etag') ?? '');
      sizes.push(Buffer.byteLength(text));
    }
    const menuBytes = Math.round(sizes.reduce((a, b) => a + b, 0) / sizes.length);

    // One tablet per connection, spread over all 20 stores.
    const client = (conditional: boolean) => {
      let next = 0;
      return (c: { setHeaders(h: Record<string, string>): void }) => {
        const t = tables[next++ % tables.length];
        if (!t) return;
        c.setHeaders({
          authorization: `Bearer ${t.token}`,
          ...(conditional ? { 'if-none-match': etags.get(t.store.id) ?? '' } : {}),
        });
      };
    };
    const load = (conditional: boolean, duration: number) =>
      runLoad({ url, connections: CONNECTIONS, duration, setupClient: client(conditional) });
    await load(false, 3); // warm-up
    let bytes = 0;
    const full = await paired(ctx.baseline, CONNECTIONS, ctx.rounds, ctx.durationSec, async (d) => {
      const r = await load(false, d);
      bytes += r.throughput.total;
      return summarize(r, CONNECTIONS);
    });
    const cond = await paired(ctx.baseline, CONNECTIONS, ctx.rounds, ctx.durationSec, async (d) =>
      summarize(await load(true, d), CONNECTIONS, '304'),
    );
    // Control: the baseline handler answering a body as large as the menu (what the bytes alone cost).
    const sameBytes = await ctx.baseline.measure(CONNECTIONS, ctx.durationSec, `/bytes/${menuBytes}`);
    const baseRps = (full.baseline.rps + cond.baseline.rps) / 2;

    const avgBytes = bytes / Math.max(1, full.scenario.requests);
    const minSize = Math.min(...sizes);
    return {
      figures: [
        figure('menu 200: req/s', full.scenario.rps, 'req/s', {
          target: { kind: 'ratioMin', min: 0.5 },
          baseline: full.baseline.rps,
        }),
        figure('menu 200: p99 latency', full.scenario.p99Ms, 'ms', {
          baseline: full.baseline.p99Ms,
          note: `p50 ${full.scenario.p50Ms} ms`,
        }),
        figure(`control: baseline handler with a ${menuBytes}-byte body`, sameBytes.rps, 'req/s', {
          baseline: baseRps,
          note: 'no target; the ceiling the menu bytes leave',
        }),
        figure('menu 304 (If-None-Match): req/s', cond.scenario.rps, 'req/s', {
          target: { kind: 'ratioMin', min: 0.7 },
          baseline: cond.baseline.rps,
        }),
        figure('menu 304: p99 latency', cond.scenario.p99Ms, 'ms', {
          baseline: cond.baseline.p99Ms,
          note: `p50 ${cond.scenario.p50Ms} ms`,
        }),
      ],
      checks: [
        check(
          'menu shape',
          shapeOk,
          `every store's menu: 5 categories, 40 items, an ETag (${sizes.length} stores, ${minSize}–${Math.max(...sizes)} bytes)`,
        ),
        check(
          '200 runs: no errors',
          full.scenario.errors === 0 && full.scenario.ok > 0,
          `${full.scenario.ok} × 200; other statuses/errors: ${full.scenario.errors} ${JSON.stringify(full.scenario.statusCodes)}`,
        ),
        check(
          '200 runs: full bodies',
          avgBytes >= minSize,
          `average response ${avgBytes.toFixed(0)} bytes with headers ≥ smallest menu ${minSize} bytes`,
        ),
        check(
          '304 runs: every answer 304',
          cond.scenario.errors === 0 && cond.scenario.ok > 0,
          `${cond.scenario.ok} × 304; other statuses/errors: ${cond.scenario.errors} ${JSON.stringify(cond.scenario.statusCodes)}`,
        ),
      ],
      details: { connections: CONNECTIONS, full, conditional: cond, sameBytes, menuBytes, avgBytes },
    };
  },
};
