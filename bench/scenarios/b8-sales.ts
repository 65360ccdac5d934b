// B8: sales (SPEC 13) on a year of a busy store — 365 days × 1,000 orders × 3 lines (≈ 1.1 M lines) —
// on SQLite and MariaDB: the year's and one day's report (median of 5 after one warm-up), the year's
// CSV streamed (rows/s, the server's memory growth while it streams), and the report held against the
// orders' direct sums. The history is written straight into each database (bulk inserts), with the
// summary rows made by the ledger's own `contribute` / `applyDelta`, as the order path makes them.
import { join } from 'node:path';
import type { SalesReport } from '@table-order/contracts';
import { Kysely, MysqlDialect, type Insertable } from 'kysely';
import { createPool } from 'mysql2';
import type {
  Database,
  OrderItemsTable,
  OrdersTable,
  TableSessionsTable,
} from '../../apps/api/src/db/types.js';
import type { Db } from '../../apps/api/src/infra/db.js';
import { directSales } from '../../apps/api/src/modules/reports/direct-sums.js';
import { applyDelta, contribute, emptyDelta } from '../../apps/api/src/modules/reports/sales-ledger.js';
import { zoneClock } from '../../apps/api/src/shared/zone-clock.js';
import { addDays, startOfLocalDate } from '../../apps/api/src/shared/time.js';
import { createMysqlDatabase } from '../../tests/support/mariadb.js';
import { rssBytes } from '../../tests/support/processes.js';
import { openDb, seedStores } from '../../tests/support/seed.js';
import { adminLogin } from '../../tests/support/http.js';
import type { BenchContext, Scenario } from '../lib/context.js';
import { check, figure, type Check, type Figure } from '../lib/report.js';

const DAYS = 365;
const ORDERS_PER_DAY = 1000;
const LINES = 3;
const TABLES = 30;
const FIRST_DAY = '2025-01-01';
const LAST_DAY = addDays(FIRST_DAY, DAYS - 1);
const SAMPLE_DAY = '2025-06-15';
const TZ = 'Asia/Seoul';
const ITEMS: [string, number][] = [
  ['김치찌개', 9000],
  ['된장찌개', 8500],
  ['제육볶음', 11000],
  ['불고기', 15000],
  ['계란말이', 7000],
  ['해물파전', 16000],
  ['비빔밥', 9500],
  ['냉면', 10000],
  ['공기밥', 1000],
  ['콜라', 2000],
  ['사이다', 2000],
  ['맥주', 5000],
  ['소주', 5000],
  ['막걸리', 6000],
];

/**
 * A connection for the direct sums: on MariaDB a pool of its own without the app's 2.5 s statement
 * timeout (summing 1.1 M lines straight takes longer: that is the point of the summaries).
 */
function directDb(databaseUrl: string): { db: Kysely<Database>; close: () => Promise<void> } {
  if (databaseUrl.startsWith('sqlite:')) return openDb(databaseUrl);
  const pool = createPool({
    uri: databaseUrl,
    connectionLimit: 3,
    decimalNumbers: true,
    supportBigNumbers: false,
  });
  const db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
  return { db, close: () => db.destroy() };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const mb = (bytes: number) => bytes / 1024 / 1024;

/** Writes the year of orders, lines, sessions and their summary rows; answers the number of CSV rows. */
export async function seedYear(
  db: Db,
  storeId: number,
  items: { id: number; price: number }[],
  tableIds: number[],
  days = DAYS,
) {
  const clock = zoneClock(TZ);
  const delta = emptyDelta();
  let orderId = 0;
  let sessionId = 0;
  let csvRows = 0;
  for (let d = 0; d < days; d++) {
    const date = addDays(FIRST_DAY, d);
    const compact = date.replaceAll('-', '');
    const dayStart = startOfLocalDate(date, TZ);
    const orders: Insertable<OrdersTable>[] = [];
    const lines: (Insertable<OrderItemsTable> & {
      quantity: number;
      unit_price: number;
      cancelled_quantity: number;
      subtotal: number;
    })[] = [];
    const sessions: Insertable<TableSessionsTable>[] = [];
    const sessionOf = new Map<string, number>();
    for (let i = 0; i < ORDERS_PER_DAY; i++) {
      orderId++;
      const table = i % TABLES;
      const seating = Math.floor(Math.floor(i / TABLES) / 4); // about 4 orders per party
      const key = `${table}|${seating}`;
      let sid = sessionOf.get(key);
      const created =
        dayStart + 11 * 3_600_000 + Math.floor((i * 12 * 3_600_000) / ORDERS_PER_DAY) + (i % 7) * 1000;
      if (sid === undefined) {
        sid = ++sessionId;
        sessionOf.set(key, sid);
        sessions.push({
          id: sid,
          store_id: storeId,
          table_id: tableIds[table] ?? 0,
          opened_at: created,
          completed_at: created + 3 * 3_600_000,
          total_amount: 0,
        });
      }
      const deleted = i % 100 === 13;
      const orderLines = [];
      for (let j = 0; j < LINES; j++) {
        const item = items[(i * 7 + j * 3 + d) % items.length] ?? { id: 0, price: 0 };
        const withOption = j === 0 && i % 5 === 0;
        const unit = item.price + (withOption ? 1000 : 0);
        let quantity = 1 + ((i + j) % 3);
        let cancelled = 0;
        if (i % 50 === 7 && j === 1) {
          cancelled = 1;
          quantity -= 1; // sometimes to 0: a fully cancelled line
        }
        orderLines.push({
          order_id: orderId,
          line_no: j,
          menu_item_id: item.id,
          name: ITEMS[(i * 7 + j * 3 + d) % items.length]?.[0] ?? '',
          unit_price: unit,
          quantity,
          subtotal: unit * quantity,
          options_json: withOption
            ? JSON.stringify([{ groupName: '양', name: '곱빼기', priceDelta: 1000 }])
            : null,
          cancelled_quantity: cancelled,
        });
        if (!deleted && quantity > 0) csvRows++;
      }
      const total = orderLines.reduce((s, l) => s + l.subtotal, 0);
      orders.push({
        id: orderId,
        store_id: storeId,
        table_id: tableIds[table] ?? 0,
        table_number: table + 1,
        session_id: sid,
        order_date: compact,
        seq: i + 1,
        order_number: `${compact}-${String(i + 1).padStart(4, '0')}`,
        status: 'completed',
        note: '',
        total_amount: total,
        idempotency_key: null,
        request_hash: null,
        created_at: created,
        updated_at: created,
        completed_at: created + 3_600_000,
        deleted_at: deleted ? created + 60_000 : null,
      });
      lines.push(...orderLines);
      contribute(
        delta,
        {
          created_at: created,
          session_id: sid,
          table_number: table + 1,
          total_amount: total,
          deleted,
          lines: orderLines,
        },
        clock,
      );
    }
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('table_sessions').values(sessions).execute();
      await trx.insertInto('orders').values(orders).execute();
      for (let k = 0; k < lines.length; k += 1500)
        await trx
          .insertInto('order_items')
          .values(lines.slice(k, k + 1500))
          .execute();
    });
  }
  await db.transaction().execute((trx) => applyDelta(trx, storeId, delta));
  return csvRows;
}

async function runOn(
  ctx: BenchContext,
  label: string,
  databaseUrl: string,
): Promise<{ figures: Figure[]; checks: Check[]; details: Record<string, unknown> }> {
  const handle = openDb(databaseUrl);
  const t0 = Date.now();
  let storeId: number;
  let csvRows: number;
  let password: string;
  try {
    const [store] = await seedStores(handle.db, [
      { identifier: 'b8-sales', tables: TABLES, items: ITEMS, categoryName: '메인' },
      { identifier: 'b8-other', tables: 2 },
    ]);
    if (!store) throw new Error('no store');
    storeId = store.storeId;
    password = store.admin.password;
    csvRows = await seedYear(
      handle.db,
      storeId,
      store.items,
      store.tables.map((t) => t.id),
    );
  } finally {
    await handle.close();
  }
  ctx.log(
    `B8 ${label}: a year seeded (${csvRows.toLocaleString('en-US')} CSV rows) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );

  const server = await ctx.api('B8', { name: `b8-api-${label}`, databaseUrl });
  const token = await adminLogin(server.baseUrl, 'b8-sales', 'owner', password);
  const auth = { authorization: `Bearer ${token}` };
  const get = async (q: string) => {
    const t = performance.now();
    const r = await fetch(`${server.baseUrl}/api/v1/admin/reports/sales${q}`, { headers: auth });
    const body = (await r.json()) as SalesReport;
    if (r.status !== 200) throw new Error(`report ${q}: ${r.status} ${JSON.stringify(body)}`);
    return { ms: performance.now() - t, body };
  };
  const timed = async (q: string) => {
    await get(q); // warm-up
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await get(q));
    return { ms: median(runs.map((r) => r.ms)), body: runs[0]?.body };
  };
  const yearQ = `?from=${FIRST_DAY}&to=${LAST_DAY}`;
  const dayQ = `?from=${SAMPLE_DAY}&to=${SAMPLE_DAY}`;
  const year = await timed(yearQ);
  const day = await timed(dayQ);

  // The same figures summed straight from the orders (and how long that takes: what the summaries save).
  const direct = directDb(databaseUrl);
  let directYear;
  let directDay;
  let directMs;
  try {
    const t = performance.now();
    directYear = await directSales(
      direct.db,
      storeId,
      startOfLocalDate(FIRST_DAY, TZ),
      startOfLocalDate(addDays(LAST_DAY, 1), TZ),
    );
    directMs = performance.now() - t;
    directDay = await directSales(
      direct.db,
      storeId,
      startOfLocalDate(SAMPLE_DAY, TZ),
      startOfLocalDate(addDays(SAMPLE_DAY, 1), TZ),
    );
  } finally {
    await direct.close();
  }
  const same = (r: SalesReport | undefined, d: typeof directYear) =>
    r !== undefined &&
    r.totals.orders === d.orders &&
    r.totals.revenue === d.revenue &&
    r.totals.sessions === d.sessions &&
    r.totals.cancelledAmount === d.cancelledAmount &&
    r.byItem.length === d.byItem.size &&
    r.byItem.every(
      (i) =>
        d.byItem.get(i.menuItemId)?.quantity === i.quantity &&
        d.byItem.get(i.menuItemId)?.revenue === i.revenue,
    );

  // The year's CSV, read as fast as the client can, RSS sampled while it streams (after one day's CSV as
  // its warm-up, as the reports have theirs).
  await (
    await fetch(`${server.baseUrl}/api/v1/admin/reports/sales.csv${dayQ}`, { headers: auth })
  ).arrayBuffer();
  const rssBefore = rssBytes(server.proc.pid);
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    rssMax = Math.max(rssMax, rssBytes(server.proc.pid));
  }, 50);
  const tc = performance.now();
  const res = await fetch(`${server.baseUrl}/api/v1/admin/reports/sales.csv${yearQ}`, { headers: auth });
  let newlines = 0;
  let bytes = 0;
  let head = '';
  const reader = res.body?.getReader();
  for (;;) {
    const next = await reader?.read();
    if (!next || next.done) break;
    const buf = next.value;
    if (head.length < 200) head += Buffer.from(buf.subarray(0, 200)).toString('utf8');
    bytes += buf.length;
    for (let k = 0; k < buf.length; k++) if (buf[k] === 10) newlines++;
  }

  const csvSec = (performance.now() - tc) / 1000;
  clearInterval(sampler);
  rssMax = Math.max(rssMax, rssBytes(server.proc.pid));
  const rows = newlines - 1;
  const rowsPerSec = rows / csvSec;

  const note = `direct sum over the orders took ${Math.round(directMs)} ms`;
  return {
    figures: [
      figure(
        `${label}: year report (365 days, ${((DAYS * ORDERS_PER_DAY * LINES) / 1e6).toFixed(2)} M lines), median of 5`,
        year.ms,
        'ms',
        { target: { kind: 'max', max: 300 }, note },
      ),
      figure(`${label}: one day's report, median of 5`, day.ms, 'ms', { target: { kind: 'max', max: 20 } }),
      figure(`${label}: year CSV streamed`, rowsPerSec, 'rows/s', {
        target: { kind: 'min', min: 100_000 },
        note: `${rows.toLocaleString('en-US')} rows, ${mb(bytes).toFixed(0)} MB in ${csvSec.toFixed(1)} s`,
      }),
      figure(`${label}: server RSS growth while streaming the CSV`, mb(rssMax - rssBefore), 'MB', {
        target: { kind: 'max', max: 50 },
      }),
    ],
    checks: [
      check(
        `${label}: year report equals the direct sums`,
        same(year.body, directYear),
        `${year.body?.totals.orders} orders, ₩${year.body?.totals.revenue} vs ${directYear.orders}, ₩${directYear.revenue}; sessions ${year.body?.totals.sessions} vs ${directYear.sessions}`,
      ),
      check(
        `${label}: day report equals the direct sums`,
        same(day.body, directDay),
        `${day.body?.totals.orders} orders, ₩${day.body?.totals.revenue} vs ${directDay.orders}, ₩${directDay.revenue}`,
      ),
      check(
        `${label}: year report lists 365 days and 24 hours`,
        year.body?.byDay.length === DAYS && year.body.byHour.length === 24,
        `${year.body?.byDay.length} days`,
      ),
      check(
        `${label}: CSV has every counted line, BOM and Korean header`,
        rows === csvRows && head.startsWith('\uFEFF날짜,시간,주문번호'),
        `${rows} rows, ${csvRows} expected`,
      ),
    ],
    details: { [label]: { yearMs: year.ms, dayMs: day.ms, directMs, rows, csvSec, rssBefore, rssMax } },
  };
}

export const b8: Scenario = {
  id: 'B8',
  title: 'sales report and CSV on a year of a busy store (365 days × 1,000 orders × 3 lines)',
  async run(ctx) {
    const out: { figures: Figure[]; checks: Check[]; details: Record<string, unknown> } = {
      figures: [],
      checks: [],
      details: {},
    };
    const add = async (label: string, run: () => Promise<typeof out>) => {
      try {
        const r = await run();
        out.figures.push(...r.figures);
        out.checks.push(...r.checks);
        Object.assign(out.details, r.details);
      } catch (err) {
        ctx.log(`B8 ${label} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
        out.checks.push(check(`${label}: ran to the end`, false, String(err)));
      }
    };
    await add('SQLite', () => runOn(ctx, 'SQLite', `sqlite:${join(ctx.tmpDir, 'b8-sales.db')}`));
    const mysqlDb = await createMysqlDatabase('b8');
    try {
      await add('MariaDB', () => runOn(ctx, 'MariaDB', mysqlDb.url));
    } finally {
      await mysqlDb.drop();
    }
    return out;
  },
};
