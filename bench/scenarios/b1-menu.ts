// B1: the guest menu under load, authenticated, full body (200) and revalidated (304), asked for as the
// tablets' browsers ask (gzip accepted); then the same menus with option groups on every item.
import type { TableMenu } from '@table-order/contracts';
import type { Scenario } from '../lib/context.js';
import { attachOptionGroups } from '../lib/fixture.js';
import { paired, runLoad, summarize } from '../lib/load.js';
import { check, figure } from '../lib/report.js';

const CONNECTIONS = 100;
/** What Chromium sends: the API answers the menu gzipped. */
const ACCEPT_ENCODING = 'gzip, deflate, br';
/** The options variant: every item carries this many option groups of this many options. */
const OPTION_GROUPS = 3;
const OPTIONS_PER_GROUP = 5;

export const b1: Scenario = {
  id: 'B1',
  title:
    'GET /api/v1/table/menu (5 categories, 40 items, authenticated, gzip accepted; and with 3 option groups × 5 options per item)',
  async run(ctx) {
    const { tables, stores } = ctx.sqlite;
    const server = await ctx.api('B1', { name: 'b1-api', databaseUrl: ctx.sqlite.databaseUrl });
    const url = `${server.baseUrl}/api/v1/table/menu`;

    // Correctness first: every store's menu has the promised shape and an ETag.
    const etags = new Map<number, string>();
    const readMenus = async (groupsPerItem: number) => {
      const sizes: number[] = [];
      const wire: number[] = [];
      let ok = true;
      for (const store of stores) {
        const t = store.tables[0];
        if (!t) throw new Error('store without tables');
        const r = await fetch(url, {
          headers: { authorization: `Bearer ${t.token}`, 'accept-encoding': ACCEPT_ENCODING },
        });
        const text = await r.text();
        const menu = JSON.parse(text) as TableMenu;
        const items = menu.categories.flatMap((c) => c.items);
        const options = items.every(
          (i) =>
            i.optionGroups.length === groupsPerItem &&
            i.optionGroups.every((g) => g.options.length === OPTIONS_PER_GROUP),
        );
        if (r.status !== 200 || menu.categories.length !== 5 || items.length !== 40 || !options) ok = false;
        if (!r.headers.get('etag') || r.headers.get('content-encoding') !== 'gzip') ok = false;
        etags.set(store.id, r.headers.get('etag') ?? '');
        sizes.push(Buffer.byteLength(text));
        // fetch decodes the body; the header still gives the bytes that crossed the wire.
        wire.push(Number(r.headers.get('content-length')));
      }
      const mean = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / xs.length);
      return { ok, sizes, bytes: mean(sizes), wire, wireBytes: mean(wire) };
    };
    const plain = await readMenus(0);
    const shapeOk = plain.ok;
    const sizes = plain.sizes;
    const menuBytes = plain.bytes;

    // One tablet per connection, spread over all 20 stores.
    const client = (conditional: boolean, from = tables) => {
      let next = 0;
      return (c: { setHeaders(h: Record<string, string>): void }) => {
        const t = from[next++ % from.length];
        if (!t) return;
        c.setHeaders({
          authorization: `Bearer ${t.token}`,
          'accept-encoding': ACCEPT_ENCODING,
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
    // Control: the baseline handler answering a body as large as the gzipped menu (what the bytes alone cost).
    const sameBytes = await ctx.baseline.measure(CONNECTIONS, ctx.durationSec, `/bytes/${plain.wireBytes}`);

    // The same full menus on MariaDB without Redis (several instances could share it): the menu version
    // is trusted for one events poll interval instead of read per request.
    const maria = await ctx.mysql();
    const mariaServer = await ctx.api('B1', { name: 'b1-api-mariadb', databaseUrl: maria.databaseUrl });
    const mariaUrl = `${mariaServer.baseUrl}/api/v1/table/menu`;
    const mariaLoad = (duration: number) =>
      runLoad({
        url: mariaUrl,
        connections: CONNECTIONS,
        duration,
        setupClient: client(false, maria.tables),
      });
    await mariaLoad(3); // warm-up
    const mariaFull = await paired(ctx.baseline, CONNECTIONS, ctx.rounds, ctx.durationSec, async (d) =>
      summarize(await mariaLoad(d), CONNECTIONS),
    );
    await mariaServer.stop();
    const mariaShare =
      mariaFull.scenario.rps / mariaFull.baseline.rps / (full.scenario.rps / full.baseline.rps);
    const baseRps = (full.baseline.rps + cond.baseline.rps) / 2;

    // The same menus with options: every item carries 3 store-wide groups of 5 options (SPEC 10), then
    // they come off again for the later scenarios.
    const detach = await attachOptionGroups(server.baseUrl, stores, {
      groups: OPTION_GROUPS,
      options: OPTIONS_PER_GROUP,
    });
    let withOptions: Awaited<ReturnType<typeof paired>>;
    let optionMenus: Awaited<ReturnType<typeof readMenus>>;
    let optionBytesControl: Awaited<ReturnType<typeof ctx.baseline.measure>>;
    try {
      optionMenus = await readMenus(OPTION_GROUPS);
      await load(false, 3); // warm-up
      withOptions = await paired(ctx.baseline, CONNECTIONS, ctx.rounds, ctx.durationSec, async (d) =>
        summarize(await load(false, d), CONNECTIONS),
      );
      optionBytesControl = await ctx.baseline.measure(
        CONNECTIONS,
        ctx.durationSec,
        `/bytes/${optionMenus.wireBytes}`,
      );
    } finally {
      await detach();
    }
    // Each rate relative to the baseline measured beside it, so machine noise cancels out.
    const plainShare = full.scenario.rps / full.baseline.rps;
    const optionsShare = withOptions.scenario.rps / withOptions.baseline.rps;

    const avgBytes = bytes / Math.max(1, full.scenario.requests);
    const minSize = Math.min(...sizes);
    const minWire = Math.min(...plain.wire);
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
        figure(`control: baseline handler with a ${plain.wireBytes}-byte body`, sameBytes.rps, 'req/s', {
          baseline: baseRps,
          note: 'no target; the ceiling the menu bytes leave',
        }),
        figure(
          `menu 200 with options (${OPTION_GROUPS} groups × ${OPTIONS_PER_GROUP} options per item): req/s`,
          withOptions.scenario.rps,
          'req/s',
          {
            target: { kind: 'ratioMin', min: 0.5 },
            baseline: withOptions.baseline.rps,
            note: `${Math.round((optionsShare / plainShare) * 100)} % of the rate without options (target ≥ 90 %); ${optionMenus.bytes}-byte menus, ${optionMenus.wireBytes} gzipped`,
          },
        ),
        figure('menu 200 with options: p99 latency', withOptions.scenario.p99Ms, 'ms', {
          baseline: withOptions.baseline.p99Ms,
          note: `p50 ${withOptions.scenario.p50Ms} ms`,
        }),
        figure(
          `control: baseline handler with a ${optionMenus.wireBytes}-byte body`,
          optionBytesControl.rps,
          'req/s',
          {
            baseline: withOptions.baseline.rps,
            note: 'no target; the ceiling the menu bytes with options leave',
          },
        ),
        figure('menu 200 on MariaDB without Redis: req/s', mariaFull.scenario.rps, 'req/s', {
          baseline: mariaFull.baseline.rps,
          note: `p50 ${mariaFull.scenario.p50Ms} ms, p99 ${mariaFull.scenario.p99Ms} ms`,
        }),
        figure('menu 200 on MariaDB without Redis: share of B1 on SQLite', mariaShare * 100, '%', {
          target: { kind: 'min', min: 70 },
          note: 'each as a ratio to its own same-run baseline rounds',
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
          `every store's menu: 5 categories, 40 items, an ETag, gzipped (${sizes.length} stores, ${minSize}–${Math.max(...sizes)} bytes, ${minWire}–${Math.max(...plain.wire)} gzipped)`,
        ),
        check(
          '200 runs: no errors',
          full.scenario.errors === 0 && full.scenario.ok > 0,
          `${full.scenario.ok} × 200; other statuses/errors: ${full.scenario.errors} ${JSON.stringify(full.scenario.statusCodes)}`,
        ),
        check(
          '200 runs: full bodies',
          avgBytes >= minWire,
          `average response ${avgBytes.toFixed(0)} bytes with headers ≥ smallest gzipped menu ${minWire} bytes`,
        ),
        check(
          'menus with options: shape',
          optionMenus.ok,
          `every item carries ${OPTION_GROUPS} option groups of ${OPTIONS_PER_GROUP} options (${Math.min(...optionMenus.sizes)}–${Math.max(...optionMenus.sizes)} bytes)`,
        ),
        check(
          'menus with options: no errors',
          withOptions.scenario.errors === 0 && withOptions.scenario.ok > 0,
          `${withOptions.scenario.ok} × 200; other statuses/errors: ${withOptions.scenario.errors} ${JSON.stringify(withOptions.scenario.statusCodes)}`,
        ),
        check(
          'menus with options: rate within 10 % of without',
          optionsShare >= 0.9 * plainShare,
          `${(optionsShare * 100).toFixed(0)} % of baseline with options vs ${(plainShare * 100).toFixed(0)} % without`,
        ),
        check(
          'MariaDB without Redis: no errors',
          mariaFull.scenario.errors === 0 && mariaFull.scenario.ok > 0,
          `${mariaFull.scenario.ok} × 200; other statuses/errors: ${mariaFull.scenario.errors} ${JSON.stringify(mariaFull.scenario.statusCodes)}`,
        ),
        check(
          '304 runs: every answer 304',
          cond.scenario.errors === 0 && cond.scenario.ok > 0,
          `${cond.scenario.ok} × 304; other statuses/errors: ${cond.scenario.errors} ${JSON.stringify(cond.scenario.statusCodes)}`,
        ),
      ],
      details: {
        connections: CONNECTIONS,
        full,
        conditional: cond,
        mariadbWithoutRedis: mariaFull,
        sameBytes,
        menuBytes,
        menuWireBytes: plain.wireBytes,
        avgBytes,
        withOptions,
        optionMenuBytes: optionMenus.bytes,
        optionMenuWireBytes: optionMenus.wireBytes,
        optionBytesControl,
      },
    };
  },
};
