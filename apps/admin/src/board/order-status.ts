import type { OrderStatus } from '@table-order/contracts';

const RANK: Record<OrderStatus, number> = { pending: 0, preparing: 1, completed: 2 };
const ALL: OrderStatus[] = ['pending', 'preparing', 'completed'];

/** True when `to` is later than `from` (the only moves the API accepts; skipping is allowed). */
export function isForward(from: OrderStatus, to: OrderStatus): boolean {
  return RANK[to] > RANK[from];
}

/** Every status an order may move to, nearest first. */
export function allowedMoves(from: OrderStatus): OrderStatus[] {
  return ALL.filter((s) => isForward(from, s));
}

/** The next status (the big button), or null when the order is done. */
export function primaryMove(from: OrderStatus): OrderStatus | null {
  return allowedMoves(from)[0] ?? null;
}

/** The later of two statuses: events and local answers may arrive in either order. */
export function laterStatus(a: OrderStatus, b: OrderStatus): OrderStatus {
  return RANK[b] > RANK[a] ? b : a;
}
