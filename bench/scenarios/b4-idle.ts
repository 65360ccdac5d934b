// B4: 10,000 idle streams on one instance: resident memory and CPU while idle (heartbeats and their
// token re-checks every 15 s are the only work), then proof that every stream is still live.
import { join } from 'node:path';
import type { Scenario } from '../lib/context.js';
import { call } from '../lib/api.js';
import { createBulkFixture } from '../lib/fixture.js';
import { check, figure } from '../lib/report.js';
import { openMany, type SseStream } from '../lib/sse.js';
import { mapLimit, sleep } from '../../tests/support/common.js';
import { cpuSeconds, rssBytes } from '../../tests/support/processes.js';

const STORES = 100;
const TABLES_PER_STORE = 95;
const DASHBOARDS_PER_STORE = 5; // 100 × (95 + 5) = 10,000 streams
const IDLE_SECONDS = 32; // two heartbeat periods (15 s) and a bit

async function idleCpu(pid: number, seconds: number): Promise<number> {
  const a = cpuSeconds(pid);
  await sleep(seconds * 1000);
  return ((cpuSeconds(pid) - a) / seconds) * 100;
}

export const b4: Scenario = {
  id: 'B4',
  title: '10,000 idle streams on one instance',
  async run(ctx) {
    const databaseUrl = `sqlite:${join(ctx.tmpDir, 'b4.db')}`;
    const server = await ctx.api('B4', { name: 'b4-api', databaseUrl });
    ctx.log(
      `B4: ${STORES} stores × ${TABLES_PER_STORE} tables (repository inserts, tokens from the app's TokenService)`,
    );
    const fixture = await createBulkFixture(
      databaseUrl,
      { secret: ctx.secret },
      { stores: STORES, tables: TABLES_PER_STORE, prefix: 'idle' },
    );
    // Warm the server a little, then take its idle footprint without streams.
    for (const s of fixture.stores.slice(0, 5))
      await call(server.baseUrl, 'GET', '/api/v1/admin/tables', { token: s.adminToken });
    await sleep(2000);
    const rssBefore = rssBytes(server.proc.pid);
    const cpuBefore = await idleCpu(server.proc.pid, 5);

    const specs = fixture.stores.flatMap((store) => [
      ...Array.from({ length: DASHBOARDS_PER_STORE }, () => ({
        url: `${server.baseUrl}/api/v1/admin/events`,
        opts: { token: store.adminToken },
      })),
      ...store.tables.map((t) => ({
        url: `${server.baseUrl}/api/v1/table/events`,
        opts: { token: t.token },
      })),
    ]);
    const t0 = Date.now();
    const streams: SseStream[] = await openMany(specs, 500);
    const openSec = (Date.now() - t0) / 1000;
    ctx.log(`B4: ${streams.length} streams open in ${openSec.toFixed(1)} s; idle for ${IDLE_SECONDS} s`);
    await sleep(3000);
    const rss = rssBytes(server.proc.pid);
    const idleFrom = Date.now() - server.proc.startedAt;
    const cpu = await idleCpu(server.proc.pid, IDLE_SECONDS);
    const profileWindow = { fromMs: idleFrom, toMs: Date.now() - server.proc.startedAt };
    const rssAfterIdle = rssBytes(server.proc.pid);

    // Still live after the idle period: one menu change per store reaches every one of its streams once.
    const before = streams.map((s) => s.events);
    const alive = streams.filter((s) => !s.ended && s.status === 200).length;
    const beats = streams.filter((s) => s.comments >= 1).length;
    await mapLimit(fixture.stores, 10, (s) =>
      call(server.baseUrl, 'POST', '/api/v1/admin/categories', {
        token: s.adminToken,
        body: { name: '새 메뉴' },
      }),
    );
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && streams.some((s, i) => s.events - (before[i] ?? 0) < 1)) await sleep(100);
    await sleep(500); // a doubled delivery would arrive by now
    const got = streams.map((s, i) => s.events - (before[i] ?? 0));
    const exactlyOnce = got.filter((n) => n === 1).length;
    for (const s of streams) s.close();

    const mb = (b: number) => b / 2 ** 20;
    return {
      figures: [
        figure('server RSS with 10,000 streams', mb(rss), 'MB', {
          target: { kind: 'max', max: 512 },
          baseline: mb(rssBefore),
          note: `no streams: ${mb(rssBefore).toFixed(0)} MB; ${((rss - rssBefore) / streams.length / 1024).toFixed(1)} KB per stream; after idling ${mb(rssAfterIdle).toFixed(0)} MB`,
        }),
        figure('idle CPU with 10,000 streams', cpu, '% of a core', {
          target: { kind: 'max', max: 5 },
          baseline: cpuBefore,
          note: `over ${IDLE_SECONDS} s; no streams: ${cpuBefore.toFixed(1)} %`,
        }),
      ],
      checks: [
        check(
          '10,000 streams opened',
          streams.length === STORES * (TABLES_PER_STORE + DASHBOARDS_PER_STORE) &&
            streams.every((s) => s.status === 200),
          `${streams.length} streams answered 200 in ${openSec.toFixed(1)} s`,
        ),
        check(
          'all still open after idling',
          alive === streams.length,
          `${alive}/${streams.length} open after ${IDLE_SECONDS} s`,
        ),
        check(
          'heartbeats arrived',
          beats === streams.length,
          `${beats}/${streams.length} streams got a heartbeat (token re-checked) while idle`,
        ),
        check(
          'every stream still delivers, exactly once',
          exactlyOnce === streams.length,
          `${exactlyOnce}/${streams.length} got the store's menu.changed exactly once`,
        ),
      ],
      details: {
        rssBefore,
        rss,
        rssAfterIdle,
        cpuBefore,
        cpu,
        openSec,
        streams: streams.length,
        profileWindow,
      },
    };
  },
};
