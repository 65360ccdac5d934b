import type { OrderStatus } from '@table-order/contracts';
import { isForwardStatus, ORDER_STATUSES } from '@table-order/contracts/constants';

/** Every status an order may move to, nearest first (the API accepts only forward moves). */
export function allowedMoves(from: OrderStatus): OrderStatus[] {
  return ORDER_STATUSES.filter((s) => isForwardStatus(from, s));
}

/** The next status (the big button), or null when the order is done. */
export function primaryMove(from: OrderStatus): OrderStatus | null {
  return allowedMoves(from)[0] ?? null;
}

/** The later of two statuses: events and local answers may arrive in either order. */
export function laterStatus(a: OrderStatus, b: OrderStatus): OrderStatus {
  return isForwardStatus(a, b) ? b : a;
}
