// `npm run bench`: runs the scenarios B1–B8 (and B2s, B2 on one store) end to end against real server
// processes (the bundled API, as `npm run start:prod` runs it) on this machine,
// each compared with a minimal Fastify handler measured in the same run; prints the results table and
// writes bench/results/<date>.json and the results block of BENCHMARKS.md. Never part of `npm test`.
//
//   npm run bench                      every scenario
//   npm run bench -- --only B1,B3      some scenarios (results are still written)
//   npm run bench -- --profile B2      also write CPU profiles of that scenario's API processes
//                                      (bench/results/tmp/profiles) and print their hottest functions
//   npm run bench -- --duration 5      seconds per throughput round (default 5)
//   npm run bench -- --rounds 2        alternating baseline/scenario rounds per throughput figure (default 2)
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { apiStarter, PROFILE_DIR, type BenchContext, type Scenario } from './lib/context.js';
import { createFixture, type Fixture } from './lib/fixture.js';
import { Baseline } from './lib/load.js';
import { describeMachine, machineMarkdown } from './lib/machine.js';
import { summarizeProfile, type ProfileWindow } from './lib/profile.js';
import { LoadMonitor } from './lib/monitor.js';
import {
  checksList,
  loadTable,
  markdownTable,
  updateBenchmarksMd,
  type ScenarioResult,
} from './lib/report.js';
import { startApi, startBaseline, type HttpServer } from './lib/servers.js';
import { b1 } from './scenarios/b1-menu.js';
import { b2, b2s } from './scenarios/b2-orders.js';
import { b3 } from './scenarios/b3-delivery.js';
import { b4 } from './scenarios/b4-idle.js';
import { b5 } from './scenarios/b5-reconnect.js';
import { b6 } from './scenarios/b6-redis.js';
import { b7 } from './scenarios/b7-tablet.js';
import { b8 } from './scenarios/b8-sales.js';
import { ROOT } from '../tests/support/common.js';
import { createMysqlDatabase } from '../tests/support/mariadb.js';
import { killAllNow, parentEnv, stopAll } from '../tests/support/processes.js';

const SCENARIOS: Scenario[] = [b1, b2, b2s, b3, b4, b5, b6, b7, b8];

const { values: args } = parseArgs({
  options: {
    only: { type: 'string' },
    profile: { type: 'string' },
    duration: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
  },
});
const only = new Set((args.only ?? SCENARIOS.map((s) => s.id).join(',')).toUpperCase().split(','));
const profile = new Set((args.profile ?? '').toUpperCase().split(',').filter(Boolean));
const durationSec = Number(args.duration);
const rounds = Number(args.rounds);

// B4 holds 10,000 streams: the bench process and the server each need that many file descriptors. Where
// the soft limit is lower, run again under a shell that raises it (up to the hard limit).
const NOFILE_WANTED = 16_384;
if (parentEnv.BENCH_NOFILE_RAISED !== '1') {
  const limits = execFileSync('sh', ['-c', 'ulimit -Sn; ulimit -Hn'], { encoding: 'utf8' }).split('\n');
  const soft = Number(limits[0]);
  const hard = limits[1]?.trim() === 'unlimited' ? Infinity : Number(limits[1]);
  if (Number.isFinite(soft) && soft < NOFILE_WANTED) {
    const raise = String(Math.min(hard, 65_536));
    const r = spawnSync(
      'sh',
      [
        '-c',
        `ulimit -n ${raise} && exec "$0" "$@"`,
        process.execPath,
        ...process.execArgv,
        ...process.argv.slice(1),
      ],
      {
        stdio: 'inherit',
        env: { ...parentEnv, BENCH_NOFILE_RAISED: '1' },
      },
    );
    process.exit(r.status ?? 1);
  }
}

const started = Date.now();
const log = (message: string) => {
  process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}\n`);
};

let tmpDir = '';
let dropMysql: (() => Promise<void>) | undefined;
const dropMysqlOnce = async () => {
  const drop = dropMysql;
  dropMysql = undefined;
  await drop?.().catch((err: unknown) => {
    log(`could not drop the MariaDB database: ${String(err)}`);
  });
};
const cleanupTmp = () => {
  if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  tmpDir = '';
};
process.on('exit', () => {
  killAllNow();
  cleanupTmp();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping every process the bench started`);
    void stopAll()
      .then(dropMysqlOnce)
      .finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  tmpDir = mkdtempSync(join(tmpdir(), 'table-order-bench-'));
  const secret = randomBytes(32).toString('hex');
  const machine = describeMachine();
  log(
    `machine: ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node}; scenarios ${[...only].join(' ')}`,
  );

  // The servers run the bundle, as production does (`npm run start:prod`): build it from this checkout.
  log('npm run build --workspace apps/api (the bundle the API processes run)');
  execFileSync('npm', ['run', 'build', '--workspace', 'apps/api'], { cwd: ROOT, stdio: 'ignore' });

  const baselineServer = await startBaseline();
  const baseline = new Baseline(baselineServer);

  // The shared SQLite database: the API migrates it; stores, menus and tables are created once.
  const sqliteUrl = `sqlite:${join(tmpDir, 'bench.db')}`;
  log('creating 20 stores × (5 categories, 40 items, 10 tables) on SQLite');
  const setup = await startApi({
    name: 'setup-api',
    databaseUrl: sqliteUrl,
    jwtSecret: secret,
    uploadDir: join(tmpDir, 'uploads'),
  });
  const fixture = await createFixture(setup.baseUrl, sqliteUrl, {
    stores: 20,
    tables: 10,
    categories: 5,
    itemsPerCategory: 8,
    prefix: 'bench',
  });
  await setup.stop();

  const servers: HttpServer[] = [];
  let mysqlFixture: Promise<Fixture> | undefined;
  const mysql = (): Promise<Fixture> => {
    mysqlFixture ??= (async () => {
      log('creating a throwaway MariaDB database with the same 20 stores');
      const db = await createMysqlDatabase('bench');
      dropMysql = db.drop;
      const setupMysql = await startApi({
        name: 'setup-api-mysql',
        databaseUrl: db.url,
        jwtSecret: secret,
        uploadDir: join(tmpDir, 'uploads'),
      });
      try {
        return await createFixture(setupMysql.baseUrl, db.url, {
          stores: 20,
          tables: 10,
          categories: 5,
          itemsPerCategory: 8,
          prefix: 'bench',
        });
      } finally {
        await setupMysql.stop();
      }
    })();
    return mysqlFixture;
  };
  const ctx: BenchContext = {
    durationSec,
    rounds,
    secret,
    tmpDir,
    baseline,
    baselineUrl: baselineServer.baseUrl,
    sqlite: fixture,
    mysql,
    measured: new Map(),
    profile,
    log,
    api: apiStarter(secret, tmpDir, profile, servers),
  };

  const results: ScenarioResult[] = [];
  const monitor = new LoadMonitor();
  monitor.start();
  for (const s of SCENARIOS) {
    if (!only.has(s.id)) continue;
    log(`${s.id} ${s.title}`);
    const t0 = Date.now();
    const profilesBefore = new Set(listProfiles());
    monitor.begin();
    try {
      const out = await s.run(ctx);
      results.push({ id: s.id, title: s.title, ...out, seconds: (Date.now() - t0) / 1000 });
    } catch (err) {
      const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
      log(`${s.id} failed: ${message}`);
      results.push({
        id: s.id,
        title: s.title,
        figures: [],
        checks: [],
        details: {},
        seconds: (Date.now() - t0) / 1000,
        error: message.split('\n')[0] ?? message,
      });
    } finally {
      await Promise.all(servers.splice(0).map((srv) => srv.stop()));
    }
    const last = results.at(-1);
    if (last) last.load = monitor.since();
    if (last) log(`${s.id} done in ${last.seconds.toFixed(0)} s\n${markdownTable([last])}`);
    if (profile.has(s.id)) {
      for (const file of listProfiles().filter((f) => !profilesBefore.has(f))) {
        const window = last?.details.profileWindow as ProfileWindow | undefined;
        log(`profile ${file}:\n${summarizeProfile(file, 25, window)}`);
      }
    }
  }

  monitor.stop();
  await baselineServer.stop();
  await dropMysqlOnce();
  const totalSec = (Date.now() - started) / 1000;
  const table = markdownTable(results);
  process.stdout.write(`\n${table}\n\nAll scenarios ran in ${totalSec.toFixed(0)} s.\n`);

  const date = new Date().toISOString().slice(0, 10);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  const jsonPath = join(ROOT, 'bench', 'results', `${date}.json`);
  const json = JSON.stringify({
    date: new Date().toISOString(),
    totalSeconds: totalSec,
    machine,
    durationSec,
    rounds,
    scenarios: results,
    baseline: baseline.all(),
  });
  // Formatted as the repository's Prettier would (so `prettier --check bench` stays clean).
  writeFileSync(jsonPath, await format(json, { ...(await resolveConfig(jsonPath)), parser: 'json' }));
  const block = [
    `Latest run: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC, ${totalSec.toFixed(0)} s for ${results.map((r) => r.id).join(', ')} (\`npm run bench\`; raw figures in \`bench/results/${date}.json\`).`,
    '',
    machineMarkdown(machine),
    '',
    table,
    '',
    'CPU in use on the machine while each scenario ran (2 cores in all; measured from /proc every second):',
    '',
    loadTable(results),
    '',
    '<details><summary>Correctness checks</summary>',
    '',
    checksList(results),
    '',
    '</details>',
  ].join('\n');
  updateBenchmarksMd(join(ROOT, 'BENCHMARKS.md'), block);
  log(`wrote ${jsonPath} and BENCHMARKS.md`);
  cleanupTmp();
}

/** Each profiled process's main-thread profile (the largest file in its folder), as paths. */
function listProfiles(): string[] {
  try {
    return readdirSync(PROFILE_DIR).flatMap((dir) => {
      const files = readdirSync(join(PROFILE_DIR, dir))
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(PROFILE_DIR, dir, f));
      const main = files.sort((a, b) => statSync(b).size - statSync(a).size)[0];
      return main ? [main] : [];
    });
  } catch {
    return [];
  }
}

main()
  .then(() => {
    process.exit(0);
  })
  .catch(async (err: unknown) => {
    console.error(err);
    await stopAll();
    await dropMysqlOnce();
    process.exit(1);
  });
