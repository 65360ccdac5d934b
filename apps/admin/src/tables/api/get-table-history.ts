import type { HistoryPage } from '@table-order/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { tableKeys } from './query-keys';

const PAGE_SIZE = 20;

/** GET /admin/tables/{id}/history: checked-out orders, newest first, one page. */
function getTableHistory(
  tableId: number,
  q: { from: string; to: string; cursor?: string },
  signal?: AbortSignal,
): Promise<HistoryPage> {
  return apiRequest<HistoryPage>('GET', `/admin/tables/${tableId}/history`, {
    query: { from: q.from, to: q.to, cursor: q.cursor, limit: PAGE_SIZE },
    signal,
  });
}

/** The history pages of a table for a date range ("more" loads the next page). */
export function useTableHistory(tableId: number, from: string, to: string) {
  return useInfiniteQuery({
    queryKey: tableKeys.historyRange(tableId, from, to),
    queryFn: ({ pageParam, signal }) =>
      getTableHistory(tableId, { from, to, ...(pageParam ? { cursor: pageParam } : {}) }, signal),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
