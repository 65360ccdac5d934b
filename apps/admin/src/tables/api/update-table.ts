import type { Table, TableUpdateBody } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PATCH /admin/tables/{id}: new number and/or password. */
export function updateTable(id: number, body: TableUpdateBody): Promise<Table> {
  return apiRequest<Table>('PATCH', `/admin/tables/${id}`, { body });
}
