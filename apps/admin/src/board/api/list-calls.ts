import type { CallList } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** GET /admin/calls?status=open: the store's open staff calls, newest first (read with the dashboard). */
export function listOpenCalls(signal?: AbortSignal): Promise<CallList> {
  return apiRequest<CallList>('GET', '/admin/calls', { query: { status: 'open' }, signal });
}
