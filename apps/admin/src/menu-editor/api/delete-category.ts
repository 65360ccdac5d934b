import { apiRequest } from '../../shared/api';

/** DELETE /admin/categories/{id} (409 category_not_empty while it holds items). */
export function deleteCategory(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/categories/${id}`);
}
