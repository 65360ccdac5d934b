import type { Printer } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** DELETE /admin/printers/{id} (owners): tickets it had not printed yet are dropped with it. */
function deletePrinter(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/printers/${id}`);
}

/** Deletes a printer; the list drops it at once. */
export function useDeletePrinter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePrinter,
    onSuccess: (_done, id) => {
      queryClient.setQueryData<{ items: Printer[] }>(printerKeys.list(), (old) =>
        old ? { items: old.items.filter((p) => p.id !== id) } : old,
      );
    },
  });
}
