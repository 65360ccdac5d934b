import type { PrintAccepted } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** POST /admin/orders/{id}/print (owners and staff) → 202; 409 no_printer when no enabled printer takes it. */
function reprintOrder(orderId: number): Promise<PrintAccepted> {
  return apiRequest<PrintAccepted>('POST', `/admin/orders/${orderId}/print`);
}

/** Reprints an order's tickets (marked 재출력); the printers' queued counts are read again. */
export function useReprintOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: reprintOrder,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: printerKeys.all }),
  });
}
