import type { Category } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PATCH /admin/categories/{id} `{name}`. */
export function renameCategory(id: number, name: string): Promise<Category> {
  return apiRequest<Category>('PATCH', `/admin/categories/${id}`, { body: { name } });
}
