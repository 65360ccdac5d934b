// B5: 1,000 dashboards reconnect at once, each 100 events behind: all must catch up by replay within
// 3 s, every missed event exactly once and in order.
import type { Order } from '@table-order/contracts';
import type { Scenario } from '../lib/context.js';
import { call } from '../lib/api.js';
import { check, figure } from '../lib/report.js';
import { openMany, SseStream } from '../lib/sse.js';
import { nowMs, summary } from '../lib/stats.js';
import { orderBody } from './b2-orders.js';
import { mapLimit, sleep } from '../../tests/support/common.js';

const PER_STORE = 50; // the per-store limit of admin streams on one instance; 20 stores → 1,000
const BEHIND = 100;

export const b5: Scenario = {
  id: 'B5',
  title: '1,000 dashboards reconnect at once, each 100 events behind',
  async run(ctx) {
    const { stores } = ctx.sqlite;
    const server = await ctx.api('B5', { name: 'b5-api', databaseUrl: ctx.sqlite.databaseUrl });
    const url = `${server.baseUrl}/api/v1/admin/events`;

    // 1. Every dashboard connects once and learns its cursor, then all disconnect.
    const first = await openMany(
      stores.flatMap((s) =>
        Array.from({ length: PER_STORE }, () => ({ url, opts: { token: s.adminToken } })),
      ),
      250,
    );
    const cursors = first.map((s) => Number(s.lastEventId));
    for (const s of first) s.close();
    await sleep(1000);

    // 2. While they are away, 100 orders per store (100 events each).
    const expected = new Map<number, number[]>();
    await mapLimit(stores, 20, async (store) => {
      const ids: number[] = [];
      for (let i = 0; i < BEHIND; i++) {
        const t = store.tables[i % store.tables.length];
        if (!t) throw new Error('store without tables');
        const o = await call<Order>(server.baseUrl, 'POST', '/api/v1/table/orders', {
          token: t.token,
          body: JSON.parse(orderBody(t, i, `b5-${i}`)) as unknown,
        });
        ids.push(o.id);
      }
      expected.set(store.id, ids);
    });
    await sleep(500);

    // 3. All 1,000 reconnect in the same instant with their Last-Event-ID.
    const received: number[][] = first.map(() => []);
    const eventIds: number[][] = first.map(() => []);
    const doneAt: number[] = first.map(() => NaN);
    const t0 = nowMs();
    const reconnectFrom = Date.now() - server.proc.startedAt;
    const again = first.map((_, i) => {
      const store = stores[Math.floor(i / PER_STORE)];
      if (!store) throw new Error('no store');
      return new SseStream(url, {
        token: store.adminToken,
        lastEventId: cursors[i] ?? 0,
        onEvent: (f, at) => {
          if (f.event !== 'order.created') return;
          const order = JSON.parse(f.data) as Order;
          received[i]?.push(order.id);
          eventIds[i]?.push(Number(f.id));
          if (received[i]?.length === BEHIND) doneAt[i] = at - t0;
        },
      }).open();
    });
    const deadline = nowMs() + 20_000;
    while (nowMs() < deadline && doneAt.some((d) => Number.isNaN(d))) {
      if (again.every((s, i) => s.ended || !Number.isNaN(doneAt[i]))) break;
      await sleep(20);
    }
    await sleep(300); // anything doubled would have arrived by now
    const profileWindow = { fromMs: reconnectFrom, toMs: Date.now() - server.proc.startedAt };
    const allMs = Math.max(...doneAt.map((d) => (Number.isNaN(d) ? Infinity : d)));
    const statuses: Record<string, number> = {};
    for (const s of again) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
    for (const s of again) s.close();

    let exact = 0;
    let ordered = 0;
    let missing = 0;
    let doubled = 0;
    again.forEach((_, i) => {
      const store = stores[Math.floor(i / PER_STORE)];
      const want = expected.get(store?.id ?? -1) ?? [];
      const got = received[i] ?? [];
      const set = new Set(got);
      doubled += got.length - set.size;
      missing += want.filter((id) => !set.has(id)).length;
      if (got.length === want.length && want.every((id, k) => got[k] === id)) exact++;
      const ids = eventIds[i] ?? [];
      if (ids.every((id, k) => k === 0 || id > (ids[k - 1] ?? 0))) ordered++;
    });
    const per = summary(doneAt.filter((d) => !Number.isNaN(d)));
    return {
      figures: [
        figure('all 1,000 caught up after', allMs / 1000, 's', {
          target: { kind: 'max', max: 3 },
          note: `per dashboard p50 ${(per.p50 / 1000).toFixed(2)} s, p99 ${(per.p99 / 1000).toFixed(2)} s`,
        }),
        figure('replayed events delivered', (BEHIND * again.length) / (allMs / 1000), 'events/s', {
          note: `${BEHIND * again.length} events`,
        }),
      ],
      checks: [
        check(
          'every reconnect accepted',
          statuses['200'] === again.length,
          `statuses ${JSON.stringify(statuses)}`,
        ),
        check('no event missing', missing === 0, `${missing} of ${BEHIND * again.length} missing`),
        check('no event doubled', doubled === 0, `${doubled} repeats`),
        check(
          'exactly the missed orders, in order',
          exact === again.length && ordered === again.length,
          `${exact}/${again.length} got exactly their store's ${BEHIND} orders in order; ${ordered} with increasing ids`,
        ),
      ],
      details: { perDashboardMs: per, allMs, statuses, profileWindow },
    };
  },
};
