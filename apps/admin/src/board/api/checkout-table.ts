import type { CheckoutResult } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /admin/tables/{id}/checkout: closes the dining session. */
export function checkoutTable(tableId: number): Promise<CheckoutResult> {
  return apiRequest<CheckoutResult>('POST', `/admin/tables/${tableId}/checkout`);
}
