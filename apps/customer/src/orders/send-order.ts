// Sending one order, without React: used by the review dialog, the outbox and the fault suite's tablets.
import type { Order, OrderCreateBody } from '@table-order/contracts';
import { NetworkError } from '../shared/api/errors';
import type { TableSession } from '../shared/api/table-session';

/**
 * How long the tablet waits for an order's answer before it counts as "no answer" and the order goes to
 * the outbox. The API answers in milliseconds; 10 s covers a slow Wi-Fi without leaving the guest waiting.
 */
export const ORDER_TIMEOUT_MS = 10_000;

/**
 * POST /table/orders with the submission's Idempotency-Key: a repeat with the same key (double tap,
 * the outbox sending again after a lost answer) returns the order already placed instead of placing another.
 */
export async function createOrder(session: TableSession, body: OrderCreateBody, key: string): Promise<Order> {
  const order = await session.json<Order>('/table/orders', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
    timeoutMs: ORDER_TIMEOUT_MS,
  });
  if (!order) throw new NetworkError('empty answer');
  return order;
}
