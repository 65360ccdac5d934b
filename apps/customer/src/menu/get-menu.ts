import type { TableMenu } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';

export type MenuCategory = TableMenu['categories'][number];
export type MenuItem = MenuCategory['items'][number];

export const menuQueryKey = ['menu'] as const;

// The last menu and its ETag per session: a refetch after `menu.changed` costs a 304 when nothing changed.
const cache = new WeakMap<TableSession, { etag: string; menu: TableMenu }>();

/** GET /table/menu with If-None-Match. */
export async function getMenu(session: TableSession, signal?: AbortSignal): Promise<TableMenu> {
  const cached = cache.get(session);
  const seen: { etag: string | null } = { etag: null };
  const res = await session.json<TableMenu>('/table/menu', {
    headers: cached ? { 'if-none-match': cached.etag } : {},
    ...(signal ? { signal } : {}),
    onResponse: (r) => {
      seen.etag = r.headers.get('etag');
    },
  });
  if (res === undefined) {
    if (cached) return cached.menu;
    throw new Error('304 without a cached menu');
  }
  if (seen.etag) cache.set(session, { etag: seen.etag, menu: res });
  return res;
}

/** The table's menu; refetched on `menu.changed` (see orders/use-live-updates). */
export function useMenu() {
  const session = useSession();
  return useQuery({
    queryKey: menuQueryKey,
    queryFn: ({ signal }) => getMenu(session, signal),
    staleTime: 60_000,
  });
}
