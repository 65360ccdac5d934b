import type { Category } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PUT /admin/categories/order `{ids}`: the full new order. */
export function reorderCategories(ids: number[]): Promise<{ items: Category[] }> {
  return apiRequest<{ items: Category[] }>('PUT', '/admin/categories/order', { body: { ids } });
}
