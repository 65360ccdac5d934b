import type { Order, OrderStatus } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PATCH /admin/orders/{id} `{status}` (forward moves only). */
export function updateOrderStatus(id: number, status: OrderStatus): Promise<Order> {
  return apiRequest<Order>('PATCH', `/admin/orders/${id}`, { body: { status } });
}
