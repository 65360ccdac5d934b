import type { Order } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';

/** GET /admin/orders/{id}. */
export function getOrder(id: number, signal?: AbortSignal): Promise<Order> {
  return apiRequest<Order>('GET', `/admin/orders/${id}`, { signal });
}

export const orderKey = (id: number) => ['order', id] as const;

/** One order with all its lines; starts from what the board already knows. */
export function useOrder(id: number, initial: Order | undefined) {
  return useQuery({
    queryKey: orderKey(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    initialData: initial,
    initialDataUpdatedAt: 0,
  });
}
