// Renders docs/RELIABILITY.md from the figures the fault and security suites wrote (tests/results/).
// Run by the suites' global teardown, or by hand: npx tsx tests/report/reliability.ts
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { readResults, type ScenarioRecord } from '../support/figures.js';

export const DOC = resolve(import.meta.dirname, '../../docs/RELIABILITY.md');

/** Changes made to the product because a scenario failed (kept by hand: what, where, which scenario). */
const FIXES = [
  '**500 instead of 503 when the database connection dropped mid-transaction** (F2). Kysely tries to roll back on the dead connection, and that error ("Can\'t add new command when connection is in closed state", no error code) replaced the original one. `isUnavailableError` (`apps/api/src/infra/db-errors.ts`) now treats every mysql2 error marked `fatal` as "dependency unavailable" (503 + `Retry-After`).',
  '**Requests hung for as long as MariaDB was frozen** (F2, SIGSTOP variant: 10 s per request). `apps/api/src/infra/db.ts` wraps the mysql2 pool Kysely uses: waiting for a connection is bounded (`ACQUIRE_TIMEOUT_MS` = 2 s) and every data statement has a timeout (`QUERY_TIMEOUT_MS` = 2.5 s; schema changes are exempt), after which the connection is destroyed (the server rolls its transaction back) and the request answers 503. A frozen or cut-off database now costs at most about 4.5 s per request.',
  '**A client that had missed more than about 1 MB of events could never catch up** (F4). The replay wrote a whole page of up to 500 events before waiting for the socket, so a large replay passed the 1 MB per-stream limit and the stream was dropped as a slow reader, again on every reconnect. `apps/api/src/modules/events/stream-manager.ts` now waits for the socket after each replayed event.',
  '**Bearer tokens in the log at trace level** (A6/A8). @fastify/multipart logs the request headers (`busboyOptions.headers`) at trace level, outside the redacted `req.headers.authorization`. `apps/api/src/app.ts` now also redacts `*.headers.authorization` and `*.headers.cookie`.',
  "**Security headers missing through Nginx on static files and Strict-Transport-Security missing on the apps** (A8). In Nginx a location with its own `add_header` inherits none of the server-level ones, so the apps' pages had no HSTS or X-Frame-Options and their assets and uploaded images no Referrer-Policy or HSTS. `deploy/nginx/table-order.conf` repeats the headers in those locations.",
];

/** What the suites do not prove, or noticed without failing. */
const LIMITS = [
  "A request whose COMMIT reached MariaDB just before the database froze can be answered 503 although the order was stored; the tablet's retry with the same Idempotency-Key then returns that order (F2 counts such retries), but its `order.created` event is not pushed live by the instance that timed out: dashboards see it on their next reconnect or snapshot, and with Redis the other instances' database fallback picks it up.",
  'On MySQL the 2.5 s statement timeout applies to every data statement, including the hourly events purge, `npm run images:gc` and data changes inside migrations (schema changes are exempt): one that needs longer fails; a purge is retried at its next interval. Both bounds are constants in `apps/api/src/infra/db.ts`.',
  'The 2 s bound on waiting for a pooled connection also sheds load: under a burst that keeps all `DATABASE_POOL_SIZE` connections busy for longer, requests answer 503 with `Retry-After` instead of queueing.',
  '/docs (Swagger UI) is served without a Content-Security-Policy (it needs inline script); it is not one of the apps and carries X-Frame-Options: DENY, nosniff and no-referrer.',
  'The timing comparison (A7) shows that the work done is the same for every class; it is not a statistical proof against an attacker with many more samples on a quiet network.',
];

const esc = (v: string) => v.replaceAll('|', '\\|');
const byId = (a: ScenarioRecord, b: ScenarioRecord) => a.id.localeCompare(b.id, 'en', { numeric: true });

function section(r: ScenarioRecord): string {
  const rows = Object.entries(r.figures).map(([k, v]) => `| ${esc(k)} | ${esc(String(v))} |`);
  return [
    `### ${r.id} — ${r.title}`,
    '',
    `**Tried.** ${r.tried}`,
    '',
    ...(rows.length > 0 ? ['| Measured | Value |', '| --- | --- |', ...rows, ''] : []),
    `**Result.** ${r.status === 'passed' ? r.result : `**Not passed in the last run.** ${r.result}`}`,
    '',
    `<sub>Recorded ${r.recordedAt} in ${r.durationSeconds} s (${r.machine}).</sub>`,
    '',
  ].join('\n');
}

export async function renderReliability(): Promise<string> {
  const faults = readResults('faults').sort(byId);
  const security = readResults('security').sort(byId);
  const all = [...faults, ...security];
  const summary = all.map(
    (r) =>
      `| ${r.id} | ${esc(r.title)} | ${esc(r.volume || '—')} | ${r.status === 'passed' ? 'passed' : '**not passed**'} |`,
  );
  const passed = all.filter((r) => r.status === 'passed').length;
  const md = [
    '# Reliability and security: what was tried, and what held',
    '',
    'Generated from the figures the suites measured and wrote to `tests/results/` — do not edit by hand. `npm run test:faults` and `npm run test:security` (both run in `.ci/run`) rewrite this file at the end of every run; `npx tsx tests/report/reliability.ts` renders it again from the stored figures.',
    '',
    '- **Faults** (`tests/faults/`) run against processes the suite owns: the real API server process (`node --import tsx apps/api/src/server.ts`, production mode), its own MariaDB (`mariadb-install-db` into a temporary folder, `mariadbd` on a spare port), its own `redis-server` and the real Nginx with `deploy/nginx/table-order.conf`, each stopped by its own PID. The shared MariaDB and Redis are never touched.',
    '- **Attacks** (`tests/security/`) run against the real server process (logs captured at debug or trace level and scanned) and, for the fuzzing volume, against the app in process through `app.inject`.',
    '',
    `## Summary (${passed} of ${all.length} scenarios passed in their last run)`,
    '',
    '| # | Scenario | Volume | Result |',
    '| --- | --- | --- | --- |',
    ...summary,
    '',
    '## Faults',
    '',
    ...faults.map(section),
    '## Attacks',
    '',
    ...security.map(section),
    '## Fixes these suites led to',
    '',
    ...FIXES.map((f) => `- ${f}`),
    '',
    '## Limits and open points',
    '',
    ...LIMITS.map((f) => `- ${f}`),
    '',
  ].join('\n');
  const options = (await resolveConfig(DOC)) ?? {};
  const out = await format(md, { ...options, parser: 'markdown' });
  writeFileSync(DOC, out);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await renderReliability();
}
