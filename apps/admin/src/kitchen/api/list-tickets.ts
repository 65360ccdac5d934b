import type { Order, OrderList } from '@table-order/contracts';
import { getDashboard } from '../../board';
import { apiRequest } from '../../shared/api';

/**
 * The kitchen's snapshot: every open session's live orders not yet completed (the dashboard names the
 * open tables, then `GET /admin/tables/{id}/orders` for each, read at once).
 */
export async function listTickets(signal?: AbortSignal): Promise<Order[]> {
  const { tables } = await getDashboard(signal);
  const open = tables.filter((t) => t.sessionId !== null);
  const lists = await Promise.all(
    open.map((t) => apiRequest<OrderList>('GET', `/admin/tables/${t.id}/orders`, { signal })),
  );
  return lists.flatMap((l) => l.orders).filter((o) => o.status !== 'completed');
}
