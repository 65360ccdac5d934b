import type { Call } from '@table-order/contracts';
import { useMutation } from '@tanstack/react-query';
import { ApiError, apiRequest } from '../../shared/api';
import { useLiveBoard } from '../live-board';

/** POST /admin/calls/{id}/acknowledge: staff saw the call (a repeat answers it unchanged). */
export function acknowledgeCall(id: number): Promise<Call> {
  return apiRequest<Call>('POST', `/admin/calls/${id}/acknowledge`);
}

/**
 * Acknowledges a call with one tap; it leaves the board at once. A call no longer open (another screen
 * answered it, or the table checked out) leaves it too; one that is gone (404) makes the board re-read.
 */
export function useAcknowledgeCall() {
  const { apply, refresh } = useLiveBoard();
  return useMutation({
    mutationFn: (call: Pick<Call, 'id' | 'tableId'>) => acknowledgeCall(call.id),
    onSuccess: (saved, call) => {
      apply({
        type: 'call.acknowledged',
        payload: { callId: call.id, tableId: call.tableId, acknowledgedAt: saved.acknowledgedAt ?? '' },
      });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 404) void refresh();
    },
  });
}
