import type {
  Call,
  Dashboard,
  EventPayload,
  EventType,
  Order,
  OrderStatus,
  TableOrderCounts,
} from '@table-order/contracts';
import type { EventOf } from '@table-order/contracts/sse';
import { laterStatus } from './order-status';

/**
 * One table on the board: its open session's total, what needs attention over all its orders (from the
 * API, not from the orders this screen happens to know) and the orders it knows, newest first.
 */
export interface BoardTable extends TableOrderCounts {
  id: number;
  number: number;
  sessionId: number | null;
  totalAmount: number;
  orderCount: number;
  orders: Order[];
  /** Orders that arrived live on this screen: id → arrival time (ms), for the one-time pulse. */
  arrived: Record<number, number>;
  /** The table's open staff calls, newest first. */
  calls: Call[];
}

export interface BoardState {
  loaded: boolean;
  /** In table-number order. */
  tables: BoardTable[];
  /** Recently deleted orders and closed sessions: a late or repeated event must not bring them back. */
  deletedOrders: number[];
  closedSessions: number[];
  /** Calls acknowledged (or closed): a late or repeated call.created must not bring them back. */
  handledCalls: number[];
}

/** The table's counts are in streamed events; this screen's own answers (and older servers) lack them. */
type CountsOptional<T> = Omit<T, keyof TableOrderCounts> & Partial<TableOrderCounts>;

/** A board event, from the live stream or from this screen's own successful actions. */
export type BoardEvent =
  | EventOf<
      Exclude<
        EventType,
        'menu.changed' | 'store.changed' | 'printer.state' | 'order.updated' | 'order.deleted'
      >
    >
  | { type: 'order.updated'; payload: CountsOptional<EventPayload<'order.updated'>> }
  | { type: 'order.deleted'; payload: CountsOptional<EventPayload<'order.deleted'>> };

export type BoardAction =
  /** The dashboard and the store's open calls, read together. */
  | { type: 'snapshot'; dashboard: Dashboard; calls: Call[] }
  | { type: 'event'; event: BoardEvent; at: number; live: boolean }
  | { type: 'order'; order: Order }
  /** Orders already in the snapshot that arrived live while it loaded: pulse them too. */
  | { type: 'arrived'; orderIds: number[]; at: number };

export const initialBoard: BoardState = {
  loaded: false,
  tables: [],
  deletedOrders: [],
  closedSessions: [],
  handledCalls: [],
};

const MEMORY = 500;
const PULSE_KEEP_MS = 60_000;

const newestFirst = (a: { id: number }, b: { id: number }) => b.id - a.id;
const remember = (list: number[], id: number) =>
  list.includes(id) ? list : [...list.slice(-(MEMORY - 1)), id];

function withTable(state: BoardState, tableId: number, fn: (t: BoardTable) => BoardTable): BoardState {
  const i = state.tables.findIndex((t) => t.id === tableId);
  const current = state.tables[i];
  if (!current) return state;
  const next = fn(current);
  if (next === current) return state;
  const tables = state.tables.slice();
  tables[i] = next;
  return { ...state, tables };
}

const NO_COUNTS: TableOrderCounts = { pendingCount: 0, preparingCount: 0, oldestPendingAt: null };

/** The counts an event carries, when it carries all of them. */
function countsIn(payload: Partial<TableOrderCounts>): TableOrderCounts | undefined {
  const { pendingCount, preparingCount, oldestPendingAt } = payload;
  return pendingCount === undefined || preparingCount === undefined || oldestPendingAt === undefined
    ? undefined
    : { pendingCount, preparingCount, oldestPendingAt };
}

/** `t` with `counts`, or `t` itself when they are the same (its card then does not re-render). */
function withCounts(t: BoardTable, counts: TableOrderCounts): BoardTable {
  return t.pendingCount === counts.pendingCount &&
    t.preparingCount === counts.preparingCount &&
    t.oldestPendingAt === counts.oldestPendingAt
    ? t
    : { ...t, ...counts };
}

/**
 * The counts after a known order of `t` moved from `from` to `to` (`undefined`: it appeared or went),
 * for events that do not carry them. Only the oldest pending time may be a guess (the oldest pending
 * order this screen knows of), until the stream's own event brings the exact value.
 */
function movedCounts(
  t: BoardTable,
  order: Order,
  from: OrderStatus | undefined,
  to: OrderStatus | undefined,
): TableOrderCounts {
  const delta = (status: OrderStatus) => (to === status ? 1 : 0) - (from === status ? 1 : 0);
  const pendingCount = Math.max(0, t.pendingCount + delta('pending'));
  const preparingCount = Math.max(0, t.preparingCount + delta('preparing'));
  let oldestPendingAt = t.oldestPendingAt;
  if (pendingCount === 0) oldestPendingAt = null;
  else if (to === 'pending' && (oldestPendingAt === null || order.createdAt < oldestPendingAt))
    oldestPendingAt = order.createdAt;
  else if (from === 'pending' && order.createdAt === oldestPendingAt) {
    const known = t.orders.filter((o) => o.id !== order.id && o.status === 'pending').map((o) => o.createdAt);
    if (known.length > 0) oldestPendingAt = known.reduce((a, b) => (a < b ? a : b));
  }
  return { pendingCount, preparingCount, oldestPendingAt };
}

function pruneArrived(arrived: Record<number, number>, now: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (const [id, at] of Object.entries(arrived)) if (now - at < PULSE_KEEP_MS) out[Number(id)] = at;
  return out;
}

/** The state with table `id` on the board (a table added after the snapshot is placed by number). */
function withTableListed(state: BoardState, id: number, number: number): BoardState {
  if (state.tables.some((t) => t.id === id)) return state;
  const added: BoardTable = {
    id,
    number,
    sessionId: null,
    totalAmount: 0,
    orderCount: 0,
    ...NO_COUNTS,
    orders: [],
    arrived: {},
    calls: [],
  };
  return { ...state, tables: [...state.tables, added].sort((a, b) => a.number - b.number) };
}

function applyCreated(state: BoardState, order: Order, at: number, live: boolean): BoardState {
  if (state.deletedOrders.includes(order.id) || state.closedSessions.includes(order.sessionId)) return state;
  const s = withTableListed(state, order.tableId, order.tableNumber);
  return withTable(s, order.tableId, (t) => {
    if (t.orders.some((o) => o.id === order.id)) return t;
    // An order of an older session than the one shown is stale; a newer one means we missed a checkout.
    if (t.sessionId !== null && order.sessionId < t.sessionId) return t;
    const sameSession = t.sessionId === order.sessionId;
    const orders = sameSession ? [order, ...t.orders].sort(newestFirst) : [order];
    const arrived = pruneArrived(sameSession ? t.arrived : {}, at);
    if (live) arrived[order.id] = at;
    const before = sameSession ? t : { ...t, ...NO_COUNTS, orders: [] };
    return {
      ...t,
      sessionId: order.sessionId,
      totalAmount: (sameSession ? t.totalAmount : 0) + order.totalAmount,
      orderCount: (sameSession ? t.orderCount : 0) + 1,
      ...movedCounts(before, order, undefined, order.status),
      orders,
      arrived,
    };
  });
}

/**
 * A move or merge as the board can apply it at once: the source's session (orders, totals, counts,
 * calls) goes to the target, the source is emptied. Applied only while the board still shows the source
 * with that party (so a repeated or late event changes nothing); the provider reloads the snapshot too.
 */
function applyTableOp(
  state: BoardState,
  type: 'table.moved' | 'table.merged',
  op: EventPayload<'table.moved'>,
): BoardState {
  const from = state.tables.find((t) => t.id === op.fromTableId);
  const listed = withTableListed(state, op.toTableId, op.toTableNumber);
  const to = listed.tables.find((t) => t.id === op.toTableId);
  if (!from || !to || from.sessionId === null) return state;
  if (type === 'table.moved' && from.sessionId !== op.sessionId) return state;
  if (type === 'table.merged' && to.sessionId !== null && to.sessionId !== op.sessionId) return state;
  const joined = type === 'table.merged' && to.sessionId === op.sessionId;
  const movedOrders = from.orders.map((o) => ({
    ...o,
    tableId: op.toTableId,
    tableNumber: op.toTableNumber,
    sessionId: op.sessionId,
  }));
  const oldest = [from.oldestPendingAt, joined ? to.oldestPendingAt : null]
    .filter((x): x is string => x !== null)
    .sort()[0];
  const s = withTable(listed, op.toTableId, (t) => ({
    ...t,
    sessionId: op.sessionId,
    totalAmount: (joined ? t.totalAmount : 0) + from.totalAmount,
    orderCount: (joined ? t.orderCount : 0) + from.orderCount,
    pendingCount: (joined ? t.pendingCount : 0) + from.pendingCount,
    preparingCount: (joined ? t.preparingCount : 0) + from.preparingCount,
    oldestPendingAt: oldest ?? null,
    orders: [...movedOrders, ...(joined ? t.orders : [])].sort(newestFirst),
    arrived: { ...(joined ? t.arrived : {}), ...from.arrived },
    calls: [
      ...from.calls.map((c) => ({ ...c, tableId: op.toTableId, tableNumber: op.toTableNumber })),
      ...t.calls,
    ].sort(newestFirst),
  }));
  return withTable(s, op.fromTableId, (t) => ({
    ...t,
    sessionId: null,
    totalAmount: 0,
    orderCount: 0,
    ...NO_COUNTS,
    orders: [],
    arrived: {},
    calls: [],
  }));
}

/** Applies a snapshot or an event. Every event is idempotent: applying it twice changes nothing more. */
export function boardReducer(state: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case 'snapshot': {
      const previous = new Map(state.tables.map((t) => [t.id, t]));
      const calls = action.calls.filter((c) => c.status === 'open');
      const tables = action.dashboard.tables
        .map((d): BoardTable => {
          const old = previous.get(d.id);
          const arrived: Record<number, number> = {};
          // The oldest pending order may be older than the latest 3: the card shows it all the same.
          const oldest = d.oldestPendingOrder ?? null;
          const orders =
            oldest && !d.latestOrders.some((o) => o.id === oldest.id)
              ? [...d.latestOrders, oldest]
              : d.latestOrders;
          for (const o of orders) {
            const at = old?.arrived[o.id];
            if (at !== undefined) arrived[o.id] = at;
          }
          return {
            id: d.id,
            number: d.number,
            sessionId: d.sessionId,
            totalAmount: d.totalAmount,
            orderCount: d.orderCount,
            pendingCount: d.pendingCount,
            preparingCount: d.preparingCount,
            oldestPendingAt: d.oldestPendingAt,
            orders: [...orders].sort(newestFirst),
            arrived,
            calls: calls.filter((c) => c.tableId === d.id).sort(newestFirst),
          };
        })
        .sort((a, b) => a.number - b.number);
      return { ...state, loaded: true, tables };
    }
    case 'arrived': {
      const ids = new Set(action.orderIds);
      let s = state;
      for (const table of state.tables) {
        const fresh = table.orders.filter((o) => ids.has(o.id) && table.arrived[o.id] === undefined);
        if (fresh.length === 0) continue;
        s = withTable(s, table.id, (t) => {
          const arrived = { ...t.arrived };
          for (const o of fresh) arrived[o.id] = action.at;
          return { ...t, arrived };
        });
      }
      return s;
    }
    case 'order': {
      const { order } = action;
      return withTable(state, order.tableId, (t) => {
        const i = t.orders.findIndex((o) => o.id === order.id);
        const current = t.orders[i];
        if (!current) return t;
        const status = laterStatus(current.status, order.status);
        const orders = t.orders.slice();
        orders[i] = { ...order, status };
        return { ...t, ...movedCounts(t, current, current.status, status), orders };
      });
    }
    case 'event': {
      const { event, at, live } = action;
      switch (event.type) {
        case 'order.created':
          return applyCreated(state, event.payload, at, live);
        case 'order.updated': {
          const { orderId, tableId, status } = event.payload;
          const counts = countsIn(event.payload);
          return withTable(state, tableId, (t) => {
            const i = t.orders.findIndex((o) => o.id === orderId);
            const current = t.orders[i];
            // The event's counts are the table's after this change, whichever orders this screen knows.
            if (!current || laterStatus(current.status, status) === current.status)
              return counts ? withCounts(t, counts) : t;
            const orders = t.orders.slice();
            orders[i] = { ...current, status };
            return { ...t, ...(counts ?? movedCounts(t, current, current.status, status)), orders };
          });
        }
        case 'order.deleted': {
          const { orderId, tableId, tableTotal } = event.payload;
          const counts = countsIn(event.payload);
          if (state.deletedOrders.includes(orderId))
            // This screen deleted it already: the stream's echo still brings the exact counts.
            return counts ? withTable(state, tableId, (t) => withCounts(t, counts)) : state;
          const s = withTable(state, tableId, (t) => {
            const gone = t.orders.find((o) => o.id === orderId);
            return {
              ...t,
              totalAmount: tableTotal,
              orderCount: Math.max(0, t.orderCount - 1),
              ...(counts ?? (gone ? movedCounts(t, gone, gone.status, undefined) : {})),
              orders: t.orders.filter((o) => o.id !== orderId),
            };
          });
          return { ...s, deletedOrders: remember(s.deletedOrders, orderId) };
        }
        case 'table.checked_out': {
          // Checkout also closes the table's open calls (unless this is a late event of an older session).
          const { tableId, sessionId } = event.payload;
          if (state.closedSessions.includes(sessionId)) return state;
          const s = withTable(state, tableId, (t) =>
            t.sessionId === sessionId
              ? {
                  ...t,
                  sessionId: null,
                  totalAmount: 0,
                  orderCount: 0,
                  ...NO_COUNTS,
                  orders: [],
                  arrived: {},
                  calls: [],
                }
              : {
                  ...t,
                  orders: t.orders.filter((o) => o.sessionId !== sessionId),
                  calls: t.sessionId !== null && t.sessionId > sessionId ? t.calls : [],
                },
          );
          return { ...s, closedSessions: remember(s.closedSessions, sessionId) };
        }
        case 'order.amended': {
          const { order, tableTotal } = event.payload;
          if (state.deletedOrders.includes(order.id)) return state;
          return withTable(state, order.tableId, (t) => {
            if (t.sessionId !== order.sessionId) return t;
            const orders = t.orders.map((o) =>
              o.id === order.id ? { ...order, status: laterStatus(o.status, order.status) } : o,
            );
            return { ...t, totalAmount: tableTotal, orders };
          });
        }
        case 'table.moved':
        case 'table.merged':
          return applyTableOp(state, event.type, event.payload);
        case 'call.created': {
          const call = event.payload;
          if (call.status !== 'open' || state.handledCalls.includes(call.id)) return state;
          const s = withTableListed(state, call.tableId, call.tableNumber);
          return withTable(s, call.tableId, (t) =>
            t.calls.some((c) => c.id === call.id) ? t : { ...t, calls: [call, ...t.calls].sort(newestFirst) },
          );
        }
        case 'call.acknowledged': {
          const { callId, tableId } = event.payload;
          const s = withTable(state, tableId, (t) =>
            t.calls.some((c) => c.id === callId)
              ? { ...t, calls: t.calls.filter((c) => c.id !== callId) }
              : t,
          );
          return { ...s, handledCalls: remember(s.handledCalls, callId) };
        }
      }
    }
  }
}

/** The open staff calls of every table, the longest waiting first. */
export function openCalls(tables: readonly BoardTable[]): Call[] {
  return tables.flatMap((t) => t.calls).sort((a, b) => a.id - b.id);
}

/** Number of `pending` orders in the store (every table's count, not only the orders shown). */
export function pendingCount(tables: readonly BoardTable[]): number {
  let n = 0;
  for (const t of tables) n += t.pendingCount;
  return n;
}

/**
 * The rows a card shows: the newest `max`, except that the table's oldest pending order (the one waiting
 * longest) takes the last row when it would be hidden, so it is never behind "more".
 */
export function cardRows(t: Pick<BoardTable, 'orders'>, max: number): Order[] {
  const newest = t.orders.slice(0, max);
  const pending = t.orders.filter((o) => o.status === 'pending');
  const oldest = pending.reduce<Order | undefined>(
    (a, o) =>
      a === undefined || o.createdAt < a.createdAt || (o.createdAt === a.createdAt && o.id < a.id) ? o : a,
    undefined,
  );
  if (!oldest || newest.includes(oldest)) return newest;
  return [...newest.slice(0, Math.max(0, max - 1)), oldest];
}
