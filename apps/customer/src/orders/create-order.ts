import type { Order, OrderCreateBody, OrderList } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import { createOrder } from './send-order';
import { ordersQueryKey } from './get-orders';

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
