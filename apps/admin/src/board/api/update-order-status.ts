import type { Order, OrderStatus } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../shared/api';
import { useLiveBoard } from '../live-board';
import { boardKeys } from './query-keys';

/** PATCH /admin/orders/{id} `{status}` (forward moves only). */
function updateOrderStatus(id: number, status: OrderStatus): Promise<Order> {
  return apiRequest<Order>('PATCH', `/admin/orders/${id}`, { body: { status } });
}

/**
 * Moves an order on; the board and the order's cache show the answer at once. A 409 means someone else
 * moved it first: the order and the board are read again.
 */
export function useUpdateOrderStatus() {
  const queryClient = useQueryClient();
  const { apply, refresh } = useLiveBoard();
  return useMutation({
    mutationFn: ({ order, status }: { order: Pick<Order, 'id' | 'tableId'>; status: OrderStatus }) =>
      updateOrderStatus(order.id, status),
    onSuccess: (updated, { order }) => {
      queryClient.setQueryData(boardKeys.order(order.id), updated);
      apply({
        type: 'order.updated',
        payload: { orderId: order.id, tableId: order.tableId, status: updated.status },
      });
    },
    onError: (err, { order }) => {
      if (err instanceof ApiError && err.status === 409) {
        void queryClient.invalidateQueries({ queryKey: boardKeys.order(order.id) });
        void refresh();
      }
    },
  });
}
