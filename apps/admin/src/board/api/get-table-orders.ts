import type { OrderList } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { boardKeys } from './query-keys';

/** GET /admin/tables/{id}/orders: every live order of the table's open session. */
function getTableOrders(tableId: number, signal?: AbortSignal): Promise<OrderList> {
  return apiRequest<OrderList>('GET', `/admin/tables/${tableId}/orders`, { signal });
}

export function useTableOrders(tableId: number) {
  return useQuery({
    queryKey: boardKeys.tableOrders(tableId),
    queryFn: ({ signal }) => getTableOrders(tableId, signal),
  });
}
