import { apiRequest } from '../../shared/api';

/** DELETE /admin/tables/{id} (409 table_has_open_session while a party is seated). */
export function deleteTable(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/tables/${id}`);
}
