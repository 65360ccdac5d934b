import { apiRequest } from '../../shared/api';

/** DELETE /admin/orders/{id} (correction) → the table's new total. */
export function deleteOrder(id: number): Promise<{ tableTotal: number }> {
  return apiRequest<{ tableTotal: number }>('DELETE', `/admin/orders/${id}`);
}
