import { z } from 'zod';
import { DateString } from './common.js';

// Sales (SPEC 13): the owner's takings report and its CSV export.

/** `from`/`to`: store-local days, inclusive; both default to today; at most SALES_REPORT_MAX_DAYS days. */
export const SalesQuery = z.object({
  from: DateString.optional(),
  to: DateString.optional(),
});
export type SalesQuery = z.infer<typeof SalesQuery>;

export const SalesTotals = z.object({
  orders: z.number().int(),
  sessions: z.number().int(),
  revenue: z.number().int(),
  averagePerSession: z.number().int(),
  cancelledAmount: z.number().int(),
});
export type SalesTotals = z.infer<typeof SalesTotals>;

export const SalesReport = z.object({
  from: DateString,
  to: DateString,
  totals: SalesTotals,
  byDay: z.array(z.object({ date: DateString, orders: z.number().int(), revenue: z.number().int() })),
  byHour: z.array(
    z.object({ hour: z.number().int().min(0).max(23), orders: z.number().int(), revenue: z.number().int() }),
  ),
  byItem: z.array(
    z.object({
      menuItemId: z.number().int(),
      name: z.string(),
      quantity: z.number().int(),
      revenue: z.number().int(),
    }),
  ),
  byTable: z.array(
    z.object({ tableNumber: z.number().int(), sessions: z.number().int(), revenue: z.number().int() }),
  ),
});
export type SalesReport = z.infer<typeof SalesReport>;

/** The CSV export's header row (SPEC 13), in column order. */
export const SALES_CSV_HEADER = [
  '날짜',
  '시간',
  '주문번호',
  '테이블',
  '메뉴',
  '옵션',
  '수량',
  '단가',
  '금액',
  '상태',
] as const;
