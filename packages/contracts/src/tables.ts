import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { TableNumber, TablePassword } from './auth.js';
import { Order, TableOrderCounts } from './orders.js';

export const Table = z
  .object({ id: Id, number: z.number().int(), sessionId: Id.nullable() })
  .meta({ id: 'Table' });
export type Table = z.infer<typeof Table>;

/** A table as the admin list shows it: with its login lock (five wrong passwords lock it for 15 min). */
export const TableListItem = Table.extend({
  locked: z.boolean(),
  lockedUntil: Timestamp.nullable().meta({ description: 'When the login lock ends; null when not locked' }),
}).meta({ id: 'TableListItem' });
export type TableListItem = z.infer<typeof TableListItem>;

export const TableCreateBody = z.object({ number: TableNumber, password: TablePassword });
export const TableUpdateBody = z
  .object({ number: TableNumber, password: TablePassword })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give number and/or password');
export type TableUpdateBody = z.infer<typeof TableUpdateBody>;

export const CheckoutResult = z.object({ sessionId: Id, completedAt: Timestamp, total: z.number().int() });
export type CheckoutResult = z.infer<typeof CheckoutResult>;

export const DashboardTable = z.object({
  id: Id,
  number: z.number().int(),
  sessionId: Id.nullable(),
  totalAmount: z.number().int(),
  orderCount: z.number().int(),
  latestOrders: z.array(Order).meta({ description: 'The newest 3 live orders of the open session' }),
  oldestPendingOrder: Order.nullable().meta({
    description:
      'The oldest live order of the open session still pending (it may be older than the latest 3)',
  }),
  ...TableOrderCounts.shape,
});
export const Dashboard = z.object({ tables: z.array(DashboardTable) }).meta({ id: 'Dashboard' });
export type Dashboard = z.infer<typeof Dashboard>;
