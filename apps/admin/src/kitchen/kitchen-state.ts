import type { Order } from '@table-order/contracts';
import { ORDER_STATUSES } from '@table-order/contracts/constants';
import type { LiveEvent as StreamEvent } from '@table-order/contracts/sse';

/** The kitchen's tickets: every live order not yet `completed`, oldest first. */
export interface KitchenState {
  loaded: boolean;
  tickets: Order[];
  /** Orders deleted, completed or checked out: a late or repeated event must not bring them back. */
  gone: number[];
}

export const initialKitchen: KitchenState = { loaded: false, tickets: [], gone: [] };

export type KitchenAction =
  /** The snapshot: every open session's orders (completed ones are left out here). */
  | { type: 'snapshot'; orders: Order[] }
  /** An order as it now is (new, or replaced whole: e.g. amended); a completed one leaves. */
  | { type: 'upsert'; order: Order }
  | { type: 'status'; orderId: number; status: Order['status'] }
  | { type: 'remove'; orderIds: number[] }
  /** A dining session closed (checkout): its orders leave the kitchen. */
  | { type: 'session-closed'; sessionId: number };

const GONE_KEPT = 500;

/** Oldest first: by creation time, then by id (ids grow with time). */
export function byAge(a: Order, b: Order): number {
  const t = Date.parse(a.createdAt) - Date.parse(b.createdAt);
  return t !== 0 ? t : a.id - b.id;
}

const rank = (status: Order['status']) => ORDER_STATUSES.indexOf(status);

function without(state: KitchenState, leaving: (o: Order) => boolean): KitchenState {
  const left = state.tickets.filter(leaving);
  if (left.length === 0) return state;
  return {
    ...state,
    tickets: state.tickets.filter((o) => !leaving(o)),
    gone: [...state.gone, ...left.map((o) => o.id)].slice(-GONE_KEPT),
  };
}

export function kitchenReducer(state: KitchenState, action: KitchenAction): KitchenState {
  switch (action.type) {
    case 'snapshot': {
      const tickets = action.orders.filter((o) => o.status !== 'completed').sort(byAge);
      // The snapshot is the truth: only what it left out stays gone.
      const shown = new Set(tickets.map((o) => o.id));
      return { loaded: true, tickets, gone: state.gone.filter((id) => !shown.has(id)) };
    }
    case 'upsert': {
      const { order } = action;
      if (order.status === 'completed') return without(state, (o) => o.id === order.id);
      if (state.gone.includes(order.id)) return state;
      const current = state.tickets.find((o) => o.id === order.id);
      // A stale copy never moves a ticket back (statuses only move forward).
      const status = current && rank(current.status) > rank(order.status) ? current.status : order.status;
      const next = { ...order, status };
      const tickets = current
        ? state.tickets.map((o) => (o.id === order.id ? next : o))
        : [...state.tickets, next].sort(byAge);
      return { ...state, tickets };
    }
    case 'status': {
      if (action.status === 'completed') return without(state, (o) => o.id === action.orderId);
      const current = state.tickets.find((o) => o.id === action.orderId);
      if (!current || rank(current.status) >= rank(action.status)) return state;
      return {
        ...state,
        tickets: state.tickets.map((o) => (o.id === action.orderId ? { ...o, status: action.status } : o)),
      };
    }
    case 'remove':
      return without(state, (o) => action.orderIds.includes(o.id));
    case 'session-closed':
      return without(state, (o) => o.sessionId === action.sessionId);
  }
}

/** What the kitchen does with a streamed event: change its tickets, read its snapshot again, or nothing. */
export type KitchenReaction = { action: KitchenAction } | { refetch: true } | null;

/**
 * THE ONE PLACE that maps live events to the kitchen's tickets. Every event type the stream carries
 * passes through here (the live board hands on all of them, known or not).
 */
export function kitchenReaction(event: StreamEvent): KitchenReaction {
  switch (event.type) {
    case 'resync':
      return { refetch: true };
    case 'order.created':
      return { action: { type: 'upsert', order: event.payload } };
    case 'order.updated':
      return { action: { type: 'status', orderId: event.payload.orderId, status: event.payload.status } };
    case 'order.deleted':
      return { action: { type: 'remove', orderIds: [event.payload.orderId] } };
    case 'table.checked_out':
      return { action: { type: 'session-closed', sessionId: event.payload.sessionId } };
    // Table operations (SPEC 12): an amended order replaces its ticket by id; a move or merge changes
    // tickets' tables and sessions, so the snapshot is read again.
    case 'order.amended':
      return { action: { type: 'upsert', order: event.payload.order } };
    case 'table.moved':
    case 'table.merged':
      return { refetch: true };
    case 'menu.changed':
    case 'store.changed':
    case 'call.created':
    case 'call.acknowledged':
    case 'printer.state':
      return null;
  }
}
