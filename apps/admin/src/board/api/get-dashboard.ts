import type { Dashboard } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** GET /admin/dashboard: every table with its open session's total and latest orders. */
export function getDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return apiRequest<Dashboard>('GET', '/admin/dashboard', { signal });
}
