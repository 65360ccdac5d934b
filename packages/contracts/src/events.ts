import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { Order, OrderStatus } from './orders.js';

/** Payloads of the live events (SPEC 5), keyed by event type. */
export const EventPayloads = {
  'order.created': Order,
  'order.updated': z.object({ orderId: Id, tableId: Id, status: OrderStatus }),
  'order.deleted': z.object({ orderId: Id, tableId: Id, tableTotal: z.number().int() }),
  'table.checked_out': z.object({ tableId: Id, sessionId: Id, completedAt: Timestamp }),
  'menu.changed': z.object({}),
} as const;

export type EventType = keyof typeof EventPayloads;
export type EventPayload<T extends EventType> = z.infer<(typeof EventPayloads)[T]>;
export const EVENT_TYPES = Object.keys(EventPayloads) as EventType[];

/** A recorded event as streamed: `id` increases per store. */
export interface StoreEvent<T extends EventType = EventType> {
  id: number;
  type: T;
  tableId: number | null;
  payload: EventPayload<T>;
}

/**
 * Control event of the live streams: the client's Last-Event-ID can no longer be replayed (purged, from
 * a reset database, or malformed). Its `id:` is the new cursor; reload the snapshot, then keep reading.
 */
export const RESYNC_EVENT = 'resync';

/** Every `event:` name a live stream sends. */
export type StreamEventName = EventType | typeof RESYNC_EVENT;
