import { Readable } from 'node:stream';
import { SALES_CSV_HEADER, type SalesQuery, type SalesReport } from '@table-order/contracts';
import { SALES_REPORT_MAX_DAYS } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import { Errors } from '../../shared/errors.js';
import { addDays, localDate, startOfLocalDate } from '../../shared/time.js';
import { storeTimeZone } from '../stores/index.js';
import * as repo from './reports.repository.js';
import { zoneClock } from './zone-clock.js';

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
        const byOrder = new Map<number, typeof lines>();
        for (const l of lines) {
          const list = byOrder.get(l.order_id);
          if (list) list.push(l);
          else byOrder.set(l.order_id, [l]);
        }
        let out = '';
        for (const o of orders) {
          const { date, time } = clock.local(Number(o.created_at));
          const head = `${date},${time},${cell(o.order_number)},${o.table_number},`;
          const status = STATUS_KO[o.status] ?? o.status;
          for (const l of byOrder.get(o.id) ?? []) {
            const options = l.options.map((x) => `${x.groupName}: ${x.name}`).join(', ');
            out += `${head}${cell(l.name)},${cell(options)},${l.quantity},${Number(l.unit_price)},${Number(l.subtotal)},${status}\r\n`;
          }
        }
        yield out;
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

/** An RFC 4180 field: quoted when it holds a comma, quote or line break (quotes doubled). */
export function cell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
