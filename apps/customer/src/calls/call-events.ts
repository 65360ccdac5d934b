import type { CallList } from '@table-order/contracts';
import type { LiveEvent } from '@table-order/contracts/sse';
import type { QueryClient } from '@tanstack/react-query';
import { upsertCall } from './create-call';
import { callsQueryKey } from './get-calls';

/**
 * Applies a live event to the table's calls: a new call, an acknowledgement, checkout (which ends them),
 * resync (read them again). Other events leave them alone.
 */
export function applyCallEvent(queryClient: QueryClient, event: LiveEvent): void {
  const update = (fn: (list: CallList | undefined) => CallList | undefined) => {
    queryClient.setQueryData<CallList>(callsQueryKey, fn);
  };
  if (event.type === 'call.created') {
    update((list) => upsertCall(list, event.payload));
  } else if (event.type === 'call.acknowledged') {
    const { callId, acknowledgedAt } = event.payload;
    update((list) =>
      list
        ? {
            calls: list.calls.map((c) =>
              c.id === callId && c.status === 'open' ? { ...c, status: 'acknowledged', acknowledgedAt } : c,
            ),
          }
        : list,
    );
  } else if (event.type === 'table.checked_out') {
    update(() => ({ calls: [] }));
  } else if (event.type === 'resync') {
    void queryClient.invalidateQueries({ queryKey: callsQueryKey });
  }
}
