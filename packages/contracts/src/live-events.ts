// The live events as the apps receive them: one typed union, each payload checked by a type guard before
// it is trusted (no zod here, see sse.ts). The guards follow the zod schemas in events.ts;
// live-events.test.ts checks that they accept and refuse the same values.
import {
  AUDIT_ACTIONS,
  CALL_STATUSES,
  MENU_LANGUAGES,
  ORDER_STATUSES,
  RESYNC_EVENT,
  type EventType,
} from './constants.js';
import type { EventPayload } from './events.js';
import type { SseMessage } from './sse-parser.js';

/** One recorded event of type `T` as the apps handle it. */
export type EventOf<T extends EventType> = T extends EventType
  ? { type: T; payload: EventPayload<T> }
  : never;

/** Everything a live stream delivers: a recorded event, or `resync` (reload the snapshot). */
export type LiveEvent = EventOf<EventType> | { type: typeof RESYNC_EVENT };

type Guard<T> = (value: unknown) => value is T;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isId = (v: unknown): v is number => isInt(v) && v > 0;
const isString = (v: unknown): v is string => typeof v === 'string';
const isStatus = (v: unknown): v is EventPayload<'order.updated'>['status'] =>
  ORDER_STATUSES.some((s) => s === v);
const isCallStatus = (v: unknown): v is EventPayload<'call.created'>['status'] =>
  CALL_STATUSES.some((s) => s === v);
const isLanguage = (v: unknown): v is EventPayload<'store.changed'>['menuLanguages'][number] =>
  MENU_LANGUAGES.some((l) => l === v);
const isNullableString = (v: unknown): v is string | null => v === null || isString(v);
const isArrayOf = <T>(v: unknown, item: (x: unknown) => x is T): v is T[] =>
  Array.isArray(v) && v.every(item);

type OrderLine = EventPayload<'order.created'>['items'][number];

function isLineOption(v: unknown): v is NonNullable<OrderLine['options']>[number] {
  return isRecord(v) && isString(v.groupName) && isString(v.name) && isInt(v.priceDelta);
}

function isOrderLine(v: unknown): v is OrderLine {
  return (
    isRecord(v) &&
    isId(v.menuItemId) &&
    isString(v.name) &&
    isInt(v.unitPrice) &&
    isInt(v.quantity) &&
    isInt(v.subtotal) &&
    (v.options === undefined || (Array.isArray(v.options) && v.options.every(isLineOption))) &&
    (v.id === undefined || isId(v.id)) &&
    (v.cancelledQuantity === undefined || isInt(v.cancelledQuantity))
  );
}

function isOrder(v: unknown): v is EventPayload<'order.created'> {
  return (
    isRecord(v) &&
    isId(v.id) &&
    isString(v.orderNumber) &&
    isId(v.tableId) &&
    isInt(v.tableNumber) &&
    isId(v.sessionId) &&
    isStatus(v.status) &&
    isString(v.note) &&
    isInt(v.totalAmount) &&
    isString(v.createdAt) &&
    isString(v.updatedAt) &&
    (v.completedAt === undefined || v.completedAt === null || isString(v.completedAt)) &&
    Array.isArray(v.items) &&
    v.items.every(isOrderLine) &&
    (v.amended === undefined || typeof v.amended === 'boolean') &&
    (v.audit === undefined || isArrayOf(v.audit, isAuditEntry))
  );
}

/** `table.moved` / `table.merged` (`TableOpResult`). */
const isTableOp = (v: unknown): v is EventPayload<'table.moved'> =>
  isRecord(v) &&
  isId(v.fromTableId) &&
  isId(v.toTableId) &&
  isId(v.sessionId) &&
  isInt(v.fromTableNumber) &&
  isInt(v.toTableNumber);

/** One entry of an order's audit trail (admin views; events do not carry it, but the schema allows it). */
const isAuditEntry = (v: unknown): v is NonNullable<EventPayload<'order.created'>['audit']>[number] =>
  isRecord(v) && AUDIT_ACTIONS.some((a) => a === v.action) && isNullableString(v.username) && isString(v.at);

/** The table's counts `order.updated` and `order.deleted` carry (`TableOrderCounts`). */
const hasCounts = (v: Record<string, unknown>) =>
  isInt(v.pendingCount) &&
  isInt(v.preparingCount) &&
  (v.oldestPendingAt === null || isString(v.oldestPendingAt));

/** Checks each payload field by field (extra fields are allowed, as the schemas allow them). */
const PAYLOAD_GUARDS: { [T in EventType]: Guard<EventPayload<T>> } = {
  'order.created': isOrder,
  'order.updated': (v): v is EventPayload<'order.updated'> =>
    isRecord(v) && isId(v.orderId) && isId(v.tableId) && isStatus(v.status) && hasCounts(v),
  'order.deleted': (v): v is EventPayload<'order.deleted'> =>
    isRecord(v) && isId(v.orderId) && isId(v.tableId) && isInt(v.tableTotal) && hasCounts(v),
  'table.checked_out': (v): v is EventPayload<'table.checked_out'> =>
    isRecord(v) && isId(v.tableId) && isId(v.sessionId) && isString(v.completedAt),
  'menu.changed': (v): v is EventPayload<'menu.changed'> => isRecord(v),
  'call.created': (v): v is EventPayload<'call.created'> =>
    isRecord(v) &&
    isId(v.id) &&
    isId(v.tableId) &&
    isInt(v.tableNumber) &&
    isArrayOf(v.reasons, isString) &&
    isNullableString(v.message) &&
    isCallStatus(v.status) &&
    isString(v.createdAt) &&
    isNullableString(v.acknowledgedAt),
  'call.acknowledged': (v): v is EventPayload<'call.acknowledged'> =>
    isRecord(v) && isId(v.callId) && isId(v.tableId) && isString(v.acknowledgedAt),
  'store.changed': (v): v is EventPayload<'store.changed'> =>
    isRecord(v) &&
    isString(v.name) &&
    isString(v.timeZone) &&
    isArrayOf(v.callReasons, isString) &&
    isArrayOf(v.requestChips, isString) &&
    isArrayOf(v.menuLanguages, isLanguage) &&
    isInt(v.idleTimeoutSeconds),
  'table.moved': isTableOp,
  'printer.state': (v): v is EventPayload<'printer.state'> =>
    isRecord(v) &&
    isId(v.printerId) &&
    isRecord(v.state) &&
    (v.state.status === 'ok' || v.state.status === 'failing') &&
    isNullableString(v.state.since) &&
    isInt(v.state.queued) &&
    isNullableString(v.state.lastError),
  'table.merged': isTableOp,
  'order.amended': (v): v is EventPayload<'order.amended'> =>
    isRecord(v) && isOrder(v.order) && isInt(v.tableTotal),
};

/** True when `value` is a well-formed payload of an event of type `type`. */
export function isEventPayload<T extends EventType>(type: T, value: unknown): value is EventPayload<T> {
  const guard: Guard<EventPayload<T>> = PAYLOAD_GUARDS[type];
  return guard(value);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads one stream message as a live event; null for an unknown type or a malformed payload, which the
 * apps skip rather than break on (a newer server may send types this build does not know).
 */
export function readLiveEvent(message: SseMessage): LiveEvent | null {
  const type = message.event;
  if (type === RESYNC_EVENT) return { type };
  const data = parseJson(message.data);
  switch (type) {
    case 'order.created':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'order.updated':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'order.deleted':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'table.checked_out':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'menu.changed':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'call.created':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'call.acknowledged':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'store.changed':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'table.moved':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'table.merged':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'order.amended':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    case 'printer.state':
      return isEventPayload(type, data) ? { type, payload: data } : null;
    default:
      return null;
  }
}
