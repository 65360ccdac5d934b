import type { CancelLinesBody, OrderAmended, TableOpResult } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useLiveBoard } from '../live-board';
import { boardKeys } from './query-keys';

// Table operations (SPEC 12): move, merge, partial cancel. Each hook applies its own answer to the
// board at once (the stream's echo is then a no-op) and the board reloads its snapshot after a move.

/** POST /admin/tables/{id}/move: the table's party moves to the idle table `toTableId`. */
function moveTable(fromTableId: number, toTableId: number): Promise<TableOpResult> {
  return apiRequest<TableOpResult>('POST', `/admin/tables/${fromTableId}/move`, { body: { toTableId } });
}

/** POST /admin/tables/{id}/merge: the party of `fromTableId` joins table `intoTableId`. */
function mergeTables(intoTableId: number, fromTableId: number): Promise<TableOpResult> {
  return apiRequest<TableOpResult>('POST', `/admin/tables/${intoTableId}/merge`, { body: { fromTableId } });
}

/** POST /admin/orders/{id}/cancel-lines → the order as it is now and the table's new total. */
function cancelLines(orderId: number, body: CancelLinesBody): Promise<OrderAmended> {
  return apiRequest<OrderAmended>('POST', `/admin/orders/${orderId}/cancel-lines`, { body });
}

export function useMoveTable() {
  const { apply, refresh } = useLiveBoard();
  return useMutation({
    mutationFn: ({ fromTableId, toTableId }: { fromTableId: number; toTableId: number }) =>
      moveTable(fromTableId, toTableId),
    onSuccess: (payload) => {
      apply({ type: 'table.moved', payload });
      void refresh();
    },
  });
}

export function useMergeTables() {
  const { apply, refresh } = useLiveBoard();
  return useMutation({
    mutationFn: ({ intoTableId, fromTableId }: { intoTableId: number; fromTableId: number }) =>
      mergeTables(intoTableId, fromTableId),
    onSuccess: (payload) => {
      apply({ type: 'table.merged', payload });
      void refresh();
    },
  });
}

export function useCancelLines() {
  const queryClient = useQueryClient();
  const { apply } = useLiveBoard();
  return useMutation({
    mutationFn: ({ orderId, lines }: { orderId: number; lines: CancelLinesBody['lines'] }) =>
      cancelLines(orderId, { lines }),
    onSuccess: (result) => {
      queryClient.setQueryData(boardKeys.order(result.order.id), result.order);
      apply({ type: 'order.amended', payload: result });
    },
  });
}
