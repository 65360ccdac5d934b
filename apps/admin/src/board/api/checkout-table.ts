import type { CheckoutResult } from '@table-order/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { useLiveBoard } from '../live-board';

/** POST /admin/tables/{id}/checkout: closes the dining session. */
function checkoutTable(tableId: number): Promise<CheckoutResult> {
  return apiRequest<CheckoutResult>('POST', `/admin/tables/${tableId}/checkout`);
}

/** Closes a table's session; the board clears the table at once (and drops what it cached for it). */
export function useCheckoutTable() {
  const { apply } = useLiveBoard();
  return useMutation({
    mutationFn: checkoutTable,
    onSuccess: (result, tableId) => {
      apply({
        type: 'table.checked_out',
        payload: { tableId, sessionId: result.sessionId, completedAt: result.completedAt },
      });
    },
  });
}
