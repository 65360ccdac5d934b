import type { Table } from '@table-order/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useTablesChanged } from './use-tables-changed';

/** POST /admin/tables `{number, password}`. */
function createTable(body: { number: number; password: string }): Promise<Table> {
  return apiRequest<Table>('POST', '/admin/tables', { body });
}

/** Adds a table; settles once the table list and the board show it. */
export function useCreateTable() {
  const changed = useTablesChanged();
  return useMutation({ mutationFn: createTable, onSuccess: changed });
}
