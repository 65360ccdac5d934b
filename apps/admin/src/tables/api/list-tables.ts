import type { Table } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { tableKeys } from './query-keys';

/** GET /admin/tables. */
function listTables(signal?: AbortSignal): Promise<{ items: Table[] }> {
  return apiRequest<{ items: Table[] }>('GET', '/admin/tables', { signal });
}

export function useTables() {
  return useQuery({ queryKey: tableKeys.list(), queryFn: ({ signal }) => listTables(signal) });
}
