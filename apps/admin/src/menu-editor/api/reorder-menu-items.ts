import type { MenuItem } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PUT /admin/menu-items/order `{categoryId, ids}`: the new order within one category. */
export function reorderMenuItems(categoryId: number, ids: number[]): Promise<{ items: MenuItem[] }> {
  return apiRequest<{ items: MenuItem[] }>('PUT', '/admin/menu-items/order', { body: { categoryId, ids } });
}
