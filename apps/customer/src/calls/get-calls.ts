import type { CallList } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';

export const callsQueryKey = ['calls'] as const;

/** GET /table/calls: the table's open staff calls, newest first. */
export async function getCalls(session: TableSession, signal?: AbortSignal): Promise<CallList> {
  return (await session.json<CallList>('/table/calls', signal ? { signal } : {})) ?? { calls: [] };
}

/**
 * The table's calls: the open ones from the server, plus those acknowledged since (the live stream keeps
 * them, so the tablet can say "직원이 확인했어요").
 */
export function useTableCalls() {
  const session = useSession();
  return useQuery({
    queryKey: callsQueryKey,
    queryFn: ({ signal }) => getCalls(session, signal),
    staleTime: 30_000,
  });
}
