import { buildApp, createRuntime } from '../apps/api/src/app.js';
import { loadConfig } from '../apps/api/src/config/index.js';
import { openDb, seedStores } from '../tests/support/seed.js';
import { adminLogin } from '../tests/support/http.js';
import { seedYear } from './scenarios/b8-sales.js';

const url = `sqlite:/tmp/salesprof/p.db`;
import { existsSync } from 'node:fs';
let store = { admin: { password: 'admin-pass-prof' } } as any;
if (!existsSync('/tmp/salesprof/p.db')) {
const h = openDb(url);
[store] = await seedStores(h.db, [{ identifier: 'prof', tables: 30, items: [['김치찌개', 9000], ['콜라', 2000], ['된장찌개', 8500]] }]);
await seedYear(h.db, store!.storeId, store!.items, store!.tables.map((t: any) => t.id), 60);
await h.close();
}
const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, JWT_SECRET_KEY: 'x'.repeat(40), LOG_LEVEL: 'warn' });
const runtime = createRuntime(config);
const app = await buildApp(runtime);
const base = await app.listen({ host: '127.0.0.1', port: 0 });
const token = await adminLogin(base, 'prof', 'owner', store!.admin.password);
for (let round = 0; round < 2; round++) {
  const t = performance.now();
  const res = await fetch(`${base}/api/v1/admin/reports/sales.csv?from=2025-01-01&to=2025-12-31`, { headers: { authorization: `Bearer ${token}` } });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (;;) { const n = await reader.read(); if (n.done) break; bytes += n.value.length; }
  const s = (performance.now() - t) / 1000;
  console.log(`round ${round}: ${bytes} bytes in ${s.toFixed(2)} s; rss ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`);
}
await app.close();
process.exit(0);
