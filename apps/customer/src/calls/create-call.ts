import type { Call, CallCreateBody, CallList } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NetworkError } from '../shared/api/errors';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';
import { callsQueryKey } from './get-calls';

/**
 * POST /table/calls with the call's Idempotency-Key: a repeat with the same key (a double tap, a retry
 * after a timeout) answers the call already made instead of calling again.
 */
export async function createCall(session: TableSession, body: CallCreateBody, key: string): Promise<Call> {
  const call = await session.json<Call>('/table/calls', {
    method: 'POST',
    body,
    headers: { 'idempotency-key': key },
  });
  if (!call) throw new NetworkError('empty answer');
  return call;
}

/** Puts a call into the cached list, or updates it there (the stream and the answer may both bring it). */
export function upsertCall(list: CallList | undefined, call: Call): CallList {
  const calls = list?.calls ?? [];
  if (calls.some((c) => c.id === call.id)) return { calls: calls.map((c) => (c.id === call.id ? call : c)) };
  return { calls: [call, ...calls] };
}

/** Calls staff; retries twice by itself when there was no answer (same key, so never twice). */
export function useCreateCall() {
  const session = useSession();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: CallCreateBody; key: string }) => createCall(session, body, key),
    retry: (failures, err) => err instanceof NetworkError && failures < 2,
    retryDelay: (attempt) => 800 * 2 ** attempt,
    networkMode: 'always',
    onSuccess: (call) => {
      queryClient.setQueryData<CallList>(callsQueryKey, (list) => upsertCall(list, call));
    },
  });
}
