import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useLiveBoard } from '../../board';
import { tableKeys } from './query-keys';

/** After a table was added, changed or deleted: the table list and the board are read again. */
export function useTablesChanged(): () => Promise<void> {
  const queryClient = useQueryClient();
  const { refresh } = useLiveBoard();
  return useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: tableKeys.list() });
    await refresh();
  }, [queryClient, refresh]);
}
