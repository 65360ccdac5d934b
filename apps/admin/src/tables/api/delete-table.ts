import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useTablesChanged } from './use-tables-changed';

/** DELETE /admin/tables/{id} (409 table_has_open_session while a party is seated). */
function deleteTable(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/tables/${id}`);
}

/** Deletes a table; settles once the table list and the board no longer show it. */
export function useDeleteTable() {
  const changed = useTablesChanged();
  return useMutation({ mutationFn: deleteTable, onSuccess: changed });
}
