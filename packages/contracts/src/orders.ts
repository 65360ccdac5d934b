import { z } from 'zod';
import { DateString, Id, Timestamp } from './common.js';
import {
  AUDIT_ACTIONS,
  IDEMPOTENCY_KEY_RE,
  ITEM_OPTION_GROUPS_MAX,
  OPTION_SELECT_MAX,
  ORDER_LINES_MAX,
  ORDER_NOTE_MAX,
  ORDER_QUANTITY_MAX,
  ORDER_STATUSES,
} from './constants.js';
import { OrderLineOption } from './options.js';

export const OrderStatus = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderCreateBody = z.object({
  items: z
    .array(
      z.object({
        menuItemId: Id,
        quantity: z.number().int().min(1).max(ORDER_QUANTITY_MAX),
        optionIds: z
          .array(Id)
          .max(ITEM_OPTION_GROUPS_MAX * OPTION_SELECT_MAX)
          .optional()
          .meta({ description: 'Chosen options of the item' }),
      }),
    )
    .min(1)
    .max(ORDER_LINES_MAX),
  note: z.string().trim().max(ORDER_NOTE_MAX).optional(),
});
export type OrderCreateBody = z.infer<typeof OrderCreateBody>;

export const OrderLine = z.object({
  // Absent only from lines an earlier release sent (a replayed event during a rolling deploy).
  id: Id.optional().meta({ description: 'The line (what cancel-lines names)' }),
  menuItemId: Id,
  name: z.string(),
  unitPrice: z.number().int(),
  quantity: z.number().int(),
  subtotal: z.number().int(),
  // Always sent by this release; absent from lines an earlier release sent (a replayed event, an older
  // instance during a rolling deploy), which clients read as no options.
  options: z
    .array(OrderLineOption)
    .optional()
    .meta({ description: 'Chosen options, as they were when ordered (absent from older releases: none)' }),
  cancelledQuantity: z.number().int().optional().meta({
    description: 'How many of the line staff cancelled (partial cancel); `quantity` is what remains',
  }),
});

/** One entry of an order's audit trail: what happened, by which account (null: the table), when. */
export const AuditEntry = z
  .object({
    action: z.enum(AUDIT_ACTIONS),
    username: z.string().nullable().meta({ description: 'The admin account; null when the table did it' }),
    at: Timestamp,
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof AuditEntry>;

export const Order = z
  .object({
    id: Id,
    orderNumber: z.string().meta({ description: 'YYYYMMDD-NNNN in the store time zone' }),
    tableId: Id,
    tableNumber: z.number().int(),
    sessionId: Id,
    status: OrderStatus,
    note: z.string(),
    totalAmount: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    completedAt: Timestamp.nullable().optional(),
    items: z.array(OrderLine),
    amended: z
      .boolean()
      .optional()
      .meta({ description: 'Staff cancelled some of its lines (partial cancel, SPEC 12)' }),
    audit: z.array(AuditEntry).optional().meta({
      description: "Admin views of one order, a table's orders and history: who did what, oldest first",
    }),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderList = z.object({ orders: z.array(Order) });
export type OrderList = z.infer<typeof OrderList>;

export const OrderStatusBody = z.object({ status: OrderStatus });
export const OrderDeleteResult = z.object({ tableTotal: z.number().int() });

export const HistoryQuery = z.object({
  from: DateString.optional(),
  to: DateString.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const HistoryPage = z.object({ orders: z.array(Order), nextCursor: z.string().nullable() });
export type HistoryPage = z.infer<typeof HistoryPage>;

/** Idempotency-Key header: a client-made id, once per cart submission (a UUID in our apps). */
export const IdempotencyKey = z
  .string()
  .regex(IDEMPOTENCY_KEY_RE, 'letters, digits and _ . : -, 8-100 chars');

/**
 * What needs attention at a table: its open session's orders still `pending` and `preparing`, and when
 * the oldest pending one was placed (null when none is pending, or the table is idle).
 */
export const TableOrderCounts = z.object({
  pendingCount: z.number().int().meta({ description: 'Live orders of the open session still pending' }),
  preparingCount: z.number().int().meta({ description: 'Live orders of the open session being prepared' }),
  oldestPendingAt: Timestamp.nullable().meta({
    description: 'When the oldest pending order was placed (UTC ISO-8601), null when none is pending',
  }),
});
export type TableOrderCounts = z.infer<typeof TableOrderCounts>;
