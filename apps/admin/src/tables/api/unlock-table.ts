import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { tableKeys } from './query-keys';

/** DELETE /admin/tables/{id}/lock: lifts the table's login lock (five wrong passwords). */
export function unlockTable(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/tables/${id}/lock`);
}

/** Lifts a table's login lock; settles once the table list shows it unlocked. */
export function useUnlockTable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: unlockTable,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tableKeys.list() }),
  });
}
