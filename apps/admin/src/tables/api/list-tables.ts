import type { TableListItem } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { tableKeys } from './query-keys';

/** GET /admin/tables: each table with its session and login lock. */
function listTables(signal?: AbortSignal): Promise<{ items: TableListItem[] }> {
  return apiRequest<{ items: TableListItem[] }>('GET', '/admin/tables', { signal });
}

export function useTables() {
  return useQuery({ queryKey: tableKeys.list(), queryFn: ({ signal }) => listTables(signal) });
}
