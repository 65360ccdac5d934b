import { startApi } from './lib/servers.js';
import { adminLogin } from '../tests/support/http.js';
import { rssBytes, stopAll } from '../tests/support/processes.js';

const server = await startApi({ name: 'prof', databaseUrl: 'sqlite:/tmp/salesprof/p.db', jwtSecret: 'x'.repeat(40), uploadDir: '/tmp/salesprof/up', nodeArgs: ['--cpu-prof', '--cpu-prof-dir', '/tmp/salesprof/srv'] });
const token = await adminLogin(server.baseUrl, 'prof', 'owner', 'admin-pass-prof');
for (let round = 0; round < 3; round++) {
  const before = rssBytes(server.proc.pid);
  let max = before;
  const iv = setInterval(() => { max = Math.max(max, rssBytes(server.proc.pid)); }, 20);
  const t = performance.now();
  const res = await fetch(`${server.baseUrl}/api/v1/admin/reports/sales.csv?from=2025-01-01&to=2025-12-31`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0; let nl = 0;
  const reader = res.body!.getReader();
  for (;;) { const n = await reader.read(); if (n.done) break; bytes += n.value.length; for (let k = 0; k < n.value.length; k++) if (n.value[k] === 10) nl++; }
  clearInterval(iv);
  const s = (performance.now() - t) / 1000;
  console.log(`round ${round}: ${nl - 1} rows in ${s.toFixed(2)} s = ${Math.round((nl - 1) / s)} rows/s; rss before ${(before / 1e6).toFixed(0)} MB, growth ${((max - before) / 1e6).toFixed(0)} MB`);
}
await stopAll();
process.exit(0);
