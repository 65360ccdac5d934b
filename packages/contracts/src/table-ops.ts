import { z } from 'zod';
import { Id } from './common.js';
import { ORDER_LINES_MAX, ORDER_QUANTITY_MAX } from './constants.js';
import { Order } from './orders.js';

// Table operations (SPEC 12): move a party to an idle table, merge one table's party into another's,
// cancel some of an order's lines.

export const TableMoveBody = z.object({ toTableId: Id });
export type TableMoveBody = z.infer<typeof TableMoveBody>;

export const TableMergeBody = z.object({ fromTableId: Id });
export type TableMergeBody = z.infer<typeof TableMergeBody>;

/** The answer of a move or merge, and the payload of `table.moved` / `table.merged`. */
export const TableOpResult = z.object({
  fromTableId: Id,
  toTableId: Id,
  sessionId: Id.meta({ description: "The session the orders now belong to (the target table's)" }),
  fromTableNumber: z.number().int(),
  toTableNumber: z.number().int(),
});
export type TableOpResult = z.infer<typeof TableOpResult>;

export const CancelLinesBody = z.object({
  lines: z
    .array(
      z.object({
        lineId: Id,
        quantity: z
          .number()
          .int()
          .min(1)
          .max(ORDER_QUANTITY_MAX)
          .meta({ description: 'How many to cancel (1 … what remains of the line)' }),
      }),
    )
    .min(1)
    .max(ORDER_LINES_MAX),
});
export type CancelLinesBody = z.infer<typeof CancelLinesBody>;

/** The answer of cancel-lines and the payload of `order.amended`. */
export const OrderAmended = z.object({ order: Order, tableTotal: z.number().int() });
export type OrderAmended = z.infer<typeof OrderAmended>;
