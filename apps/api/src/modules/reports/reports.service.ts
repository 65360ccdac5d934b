import { Readable } from 'node:stream';
import {
  SALES_CSV_HEADER,
  type OrderLineOption,
  type SalesQuery,
  type SalesReport,
} from '@table-order/contracts';
import { SALES_REPORT_MAX_DAYS } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import { Errors } from '../../shared/errors.js';
import { addDays, localDate, startOfLocalDate } from '../../shared/time.js';
import { storeTimeZone } from '../stores/index.js';
import * as repo from './reports.repository.js';
import { zoneClock } from '../../shared/zone-clock.js';

/** A validated range of store days, inclusive, with the zone they are days of. */
export interface SalesRange {
  from: string;
  to: string;
  timeZone: string;
}

const STATUS_KO: Record<string, string> = { pending: '대기중', preparing: '준비중', completed: '완료' };

/** Orders per CSV page: a page and its lines are all the export holds in memory. */
const CSV_PAGE = 1000;

/** The owner's sales report and CSV export (SPEC 13). */
export class ReportsService {
  constructor(private readonly ctx: AppContext) {}

  /** The range asked for (each end defaults to today in the store's zone); reversed or too long is 422. */
  async range(storeId: number, q: SalesQuery): Promise<SalesRange> {
    const timeZone = await storeTimeZone(this.ctx.db, storeId);
    const today = localDate(this.ctx.clock.now(), timeZone);
    const from = q.from ?? today;
    const to = q.to ?? today;
    if (from > to)
      throw Errors.validationFailed('from must not be after to.', [{ field: 'from', message: 'after to' }]);
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
    if (days > SALES_REPORT_MAX_DAYS)
      throw Errors.validationFailed(`A report spans at most ${SALES_REPORT_MAX_DAYS} days.`, [
        { field: 'to', message: `${days} days, more than ${SALES_REPORT_MAX_DAYS}` },
      ]);
    return { from, to, timeZone };
  }

  async report(storeId: number, q: SalesQuery): Promise<SalesReport> {
    const { from, to } = await this.range(storeId, q);
    const db = this.ctx.db;
    const [days, hours, byItem, sessions] = await Promise.all([
      repo.salesByDay(db, storeId, from, to),
      repo.salesByHour(db, storeId, from, to),
      repo.salesByItem(db, storeId, from, to),
      repo.salesSessions(db, storeId, from, to),
    ]);
    const dayMap = new Map(days.map((d) => [d.date, d]));
    const byDay: SalesReport['byDay'] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const row = dayMap.get(d);
      byDay.push({ date: d, orders: row?.orders ?? 0, revenue: row?.revenue ?? 0 });
    }
    const hourMap = new Map(hours.map((h) => [h.hour, h]));
    const byHour = Array.from({ length: 24 }, (_, hour) => ({
      hour,
      orders: hourMap.get(hour)?.orders ?? 0,
      revenue: hourMap.get(hour)?.revenue ?? 0,
    }));
    const orders = days.reduce((s, d) => s + d.orders, 0);
    const revenue = days.reduce((s, d) => s + d.revenue, 0);
    return {
      from,
      to,
      totals: {
        orders,
        sessions: sessions.sessions,
        revenue,
        averagePerSession: sessions.sessions === 0 ? 0 : Math.floor(revenue / sessions.sessions),
        cancelledAmount: days.reduce((s, d) => s + d.cancelled, 0),
      },
      byDay,
      byHour,
      byItem,
      byTable: sessions.byTable,
    };
  }

  /**
   * The range's counted order lines as CSV (UTF-8 with BOM, RFC 4180, CRLF), produced page by page as
   * the response drains: the stream pulls the next page only when the client has taken the last one.
   */
  csv(storeId: number, range: SalesRange): Readable {
    const db = this.ctx.db;
    const clock = zoneClock(range.timeZone);
    const fromMs = startOfLocalDate(range.from, range.timeZone);
    const toMs = startOfLocalDate(addDays(range.to, 1), range.timeZone);
    // Menu names and option sets repeat across a year of lines: each is quoted / parsed once.
    const names = new BoundedCache<string, string>(4096);
    const optionSets = new BoundedCache<string, string>(4096);
    const optionsCell = (json: string | null): string => {
      if (json === null) return '';
      let out = optionSets.get(json);
      if (out === undefined) {
        const list = JSON.parse(json) as OrderLineOption[];
        out = cell(list.map((x) => `${x.groupName}: ${x.name}`).join(', '));
        optionSets.set(json, out);
      }
      return out;
    };
    const nameCell = (name: string): string => {
      let out = names.get(name);
      if (out === undefined) {
        out = cell(name);
        names.set(name, out);
      }
      return out;
    };
    async function* rows(): AsyncGenerator<string> {
      yield `\uFEFF${SALES_CSV_HEADER.join(',')}\r\n`;
      let after: { createdAt: number; id: number } | undefined;
      for (;;) {
        const orders = await repo.csvOrderPage(db, storeId, fromMs, toMs, after, CSV_PAGE);
        if (orders.length === 0) return;
        const lines = await repo.csvLines(
          db,
          orders.map((o) => o.id),
        );
        // Lines come ordered by order id; orders by time: index each order's run of lines.
        const runs = new Map<number, [number, number]>();
        for (let k = 0; k < lines.length; k++) {
          const id = lines[k]?.order_id ?? 0;
          const run = runs.get(id);
          if (run) run[1] = k + 1;
          else runs.set(id, [k, k + 1]);
        }
        // Yielded in pieces of about 32 KB: short-lived strings the young generation collects.
        let out = '';
        for (const o of orders) {
          const run = runs.get(o.id);
          if (!run) continue;
          const { date, time } = clock.local(Number(o.created_at));
          const head = `${date},${time},${cell(o.order_number)},${o.table_number},`;
          const tail = `,${STATUS_KO[o.status] ?? cell(o.status)}\r\n`;
          for (let k = run[0]; k < run[1]; k++) {
            const l = lines[k];
            if (!l) continue;
            out += `${head}${nameCell(l.name)},${optionsCell(l.options_json)},${l.quantity},${Number(l.unit_price)},${Number(l.subtotal)}${tail}`;
          }
          if (out.length >= 32_768) {
            yield out;
            out = '';
          }
        }
        if (out) yield out;
        const last = orders[orders.length - 1];
        if (!last || orders.length < CSV_PAGE) return;
        after = { createdAt: Number(last.created_at), id: last.id };
      }
    }
    return Readable.from(rows(), { objectMode: false, highWaterMark: 64 * 1024 });
  }

  /** `sales-2026-03-01_2026-03-31.csv` */
  static filename(range: SalesRange): string {
    return `sales-${range.from}_${range.to}.csv`;
  }
}

/** A Map that forgets everything once it holds `max` entries (a year has a few hundred distinct names). */
class BoundedCache<K, V> extends Map<K, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: K, value: V): this {
    if (this.size >= this.max) this.clear();
    return super.set(key, value);
  }
}

/** An RFC 4180 field: quoted when it holds a comma, quote or line break (quotes doubled). */
export function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
