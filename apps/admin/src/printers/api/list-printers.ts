import type { PrinterList } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { printerKeys } from './query-keys';

/** GET /admin/printers (every account): the store's printers, each with its state. */
function listPrinters(signal?: AbortSignal): Promise<PrinterList> {
  return apiRequest<PrinterList>('GET', '/admin/printers', { signal });
}

/**
 * The store's printers; `printer.state` events refetch it at once (App's staleKeys). The queued counts
 * change without an event: they are read again every 5 s while tickets wait, else every 30 s.
 */
export function usePrinters() {
  return useQuery({
    queryKey: printerKeys.list(),
    queryFn: ({ signal }) => listPrinters(signal),
    refetchInterval: (query) =>
      (query.state.data?.items ?? []).some((p) => p.state.queued > 0) ? 5_000 : 30_000,
  });
}
