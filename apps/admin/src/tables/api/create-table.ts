import type { Table } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /admin/tables `{number, password}`. */
export function createTable(body: { number: number; password: string }): Promise<Table> {
  return apiRequest<Table>('POST', '/admin/tables', { body });
}
