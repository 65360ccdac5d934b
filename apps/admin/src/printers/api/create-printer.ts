import type { Printer, PrinterCreateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** POST /admin/printers (owners). */
function createPrinter(body: PrinterCreateBody): Promise<Printer> {
  return apiRequest<Printer>('POST', '/admin/printers', { body });
}

/** Adds a printer; the list shows it at once. */
export function useCreatePrinter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPrinter,
    onSuccess: (created) => {
      queryClient.setQueryData<{ items: Printer[] }>(printerKeys.list(), (old) =>
        old ? { items: [...old.items.filter((p) => p.id !== created.id), created] } : old,
      );
    },
  });
}
