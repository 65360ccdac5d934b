import type { Order } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { boardKeys } from './query-keys';

/** GET /admin/orders/{id}. */
function getOrder(id: number, signal?: AbortSignal): Promise<Order> {
  return apiRequest<Order>('GET', `/admin/orders/${id}`, { signal });
}

/** One order with all its lines; starts from what the board already knows. */
export function useOrder(id: number, initial: Order | undefined) {
  return useQuery({
    queryKey: boardKeys.order(id),
    queryFn: ({ signal }) => getOrder(id, signal),
    initialData: initial,
    initialDataUpdatedAt: 0,
  });
}
