import type { Order, OrderCreateBody, OrderList } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NetworkError } from '../shared/api/errors';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';
import { ordersQueryKey } from './get-orders';

/**
 * POST /table/orders with the submission's Idempotency-Key: a repeat with the same key (double tap,
 * retry after a timeout) returns the order already placed instead of placing another.
 */
async function createOrder(session: TableSession, body: OrderCreateBody, key: string): Promise<Order> {
  const order = await session.json<Order>('/table/orders', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
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

/** Places an order; retries twice by itself when there was no answer (same key, so never twice). */
export function useCreateOrder() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: OrderCreateBody; key: string }) => createOrder(session, body, key),
    retry: (failures, err) => err instanceof NetworkError && failures < 2,
    retryDelay: (attempt) => 800 * 2 ** attempt,
    networkMode: 'always',
    onSuccess: (order) => {
      queryClient.setQueryData<OrderList>(ordersQueryKey, (list) => addOrderToList(list, order));
    },
  });
}
