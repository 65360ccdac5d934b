import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { type EventType, RESYNC_EVENT } from './constants.js';
import { Call } from './calls.js';
import { Order, OrderStatus, TableOrderCounts } from './orders.js';
import { PrinterStateEvent } from './printers.js';
import { TableStoreSettings } from './store-settings.js';
import { OrderAmended, TableOpResult } from './table-ops.js';

/** Payloads of the live events, keyed by event type. */
export const EventPayloads = {
  'order.created': Order,
  // Both carry the table's counts after the change (`TableOrderCounts`), so a board keeps them exact.
  'order.updated': z.object({ orderId: Id, tableId: Id, status: OrderStatus, ...TableOrderCounts.shape }),
  'order.deleted': z.object({
    orderId: Id,
    tableId: Id,
    tableTotal: z.number().int(),
    ...TableOrderCounts.shape,
  }),
  'table.checked_out': z.object({ tableId: Id, sessionId: Id, completedAt: Timestamp }),
  'menu.changed': z.object({}),
  'call.created': Call,
  'call.acknowledged': z.object({ callId: Id, tableId: Id, acknowledgedAt: Timestamp }),
  'store.changed': TableStoreSettings,
  // Table operations (SPEC 12): the dashboards and both tables' streams carry a move and a merge.
  'table.moved': TableOpResult,
  'table.merged': TableOpResult,
  'order.amended': OrderAmended,
  'printer.state': PrinterStateEvent,
} as const satisfies Record<EventType, z.ZodType>;

export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;

/** A recorded event as streamed: `id` increases per store. */
export interface StoreEvent<T extends EventType = EventType> {
  id: number;
  type: T;
  tableId: number | null;
  payload: EventPayload<T>;
}

/** Every `event:` name a live stream sends. */
export type StreamEventName = EventType | typeof RESYNC_EVENT;
