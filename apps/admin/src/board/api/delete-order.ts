import type { Order } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useLiveBoard } from '../live-board';
import { boardKeys } from './query-keys';

/** DELETE /admin/orders/{id} (correction) → the table's new total. */
function deleteOrder(id: number): Promise<{ tableTotal: number }> {
  return apiRequest<{ tableTotal: number }>('DELETE', `/admin/orders/${id}`);
}

/** Deletes an order; it leaves the board (with the table's new total) and the order cache at once. */
export function useDeleteOrder() {
  const queryClient = useQueryClient();
  const { apply } = useLiveBoard();
  return useMutation({
    mutationFn: (order: Pick<Order, 'id' | 'tableId'>) => deleteOrder(order.id),
    onSuccess: ({ tableTotal }, order) => {
      apply({ type: 'order.deleted', payload: { orderId: order.id, tableId: order.tableId, tableTotal } });
      queryClient.removeQueries({ queryKey: boardKeys.order(order.id) });
    },
  });
}
