import type { Table } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';

export const tablesKey = ['tables'] as const;

/** GET /admin/tables. */
export function listTables(signal?: AbortSignal): Promise<{ items: Table[] }> {
  return apiRequest<{ items: Table[] }>('GET', '/admin/tables', { signal });
}

export function useTables() {
  return useQuery({ queryKey: tablesKey, queryFn: ({ signal }) => listTables(signal) });
}
