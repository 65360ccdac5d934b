import type { Category } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /admin/categories `{name}`. */
export function createCategory(name: string): Promise<Category> {
  return apiRequest<Category>('POST', '/admin/categories', { body: { name } });
}
