import type { Order, OrderCreateBody, OrderList } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NetworkError } from '../shared/api/errors';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';
import { ordersQueryKey } from './get-orders';

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

/** Adds an order to the cached list unless the live stream already did. */
export function addOrderToList(list: OrderList | undefined, order: Order): OrderList | undefined {
  if (!list) return list;
  if (list.orders.some((o) => o.id === order.id)) return list;
  return { orders: [order, ...list.orders] };
}

/**
 * Places an order. It is not retried here: an order that gets no answer goes to the outbox, which sends
 * it again with the same key (see outbox.ts).
 */
export function useCreateOrder() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: OrderCreateBody; key: string }) => createOrder(session, body, key),
    retry: false,
    networkMode: 'always',
    onSuccess: (order) => {
      queryClient.setQueryData<OrderList>(ordersQueryKey, (list) => addOrderToList(list, order));
    },
  });
}
