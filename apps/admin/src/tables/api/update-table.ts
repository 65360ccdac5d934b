import type { Table, TableUpdateBody } from '@table-order/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useTablesChanged } from './use-tables-changed';

/** PATCH /admin/tables/{id}: new number and/or password. */
function updateTable(id: number, body: TableUpdateBody): Promise<Table> {
  return apiRequest<Table>('PATCH', `/admin/tables/${id}`, { body });
}

/** Changes a table's number and/or password; settles once the table list and the board show it. */
export function useUpdateTable() {
  const changed = useTablesChanged();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: TableUpdateBody }) => updateTable(id, body),
    onSuccess: changed,
  });
}
