import { apiRequest } from '../../shared/api';

/** DELETE /admin/menu-items/{id} (soft delete: past orders keep their snapshot). */
export function deleteMenuItem(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/menu-items/${id}`);
}
