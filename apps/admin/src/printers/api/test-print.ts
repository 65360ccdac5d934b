import type { PrintAccepted } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** POST /admin/printers/{id}/test (owners) → 202: a test ticket is queued. */
function testPrint(id: number): Promise<PrintAccepted> {
  return apiRequest<PrintAccepted>('POST', `/admin/printers/${id}/test`);
}

/** Queues a test ticket; the list's queued count is read again. */
export function useTestPrint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: testPrint,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: printerKeys.all }),
  });
}
