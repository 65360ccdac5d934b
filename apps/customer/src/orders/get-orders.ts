import type { OrderList } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';

export const ordersQueryKey = ['orders'] as const;

/** GET /table/orders: the current session's orders, newest first (empty after checkout). */
async function getOrders(session: TableSession, signal?: AbortSignal): Promise<OrderList> {
  return (await session.json<OrderList>('/table/orders', signal ? { signal } : {})) ?? { orders: [] };
}

/** The table's orders; kept current by the live stream (see use-live-updates). */
export function useOrders() {
  const session = useSession();
  return useQuery({
    queryKey: ordersQueryKey,
    queryFn: ({ signal }) => getOrders(session, signal),
    staleTime: 30_000,
  });
}
