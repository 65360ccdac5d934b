import type { Printer, PrinterPatchBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** PATCH /admin/printers/{id} (owners). */
function updatePrinter({ id, body }: { id: number; body: PrinterPatchBody }): Promise<Printer> {
  return apiRequest<Printer>('PATCH', `/admin/printers/${id}`, { body });
}

/** Changes a printer; the list shows the answer at once. */
export function useUpdatePrinter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePrinter,
    onSuccess: (saved) => {
      queryClient.setQueryData<{ items: Printer[] }>(printerKeys.list(), (old) =>
        old ? { items: old.items.map((p) => (p.id === saved.id ? saved : p)) } : old,
      );
    },
  });
}
