import type { TableMenu } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';
import { loadStoredMenu, saveStoredMenu, type StoredMenu } from './menu-storage';

export type MenuCategory = TableMenu['categories'][number];
export type MenuItem = MenuCategory['items'][number];

export const menuQueryKey = ['menu'] as const;

// The last menu and its ETag per session: a refetch after `menu.changed` costs a 304 when nothing changed.
// It starts from the menu saved by the previous run of the app (see useMenu).
const cache = new WeakMap<TableSession, StoredMenu>();

function lastMenu(session: TableSession): StoredMenu | undefined {
  let entry = cache.get(session);
  if (!entry) {
    entry = loadStoredMenu(session.device.storeIdentifier);
    if (entry) cache.set(session, entry);
  }
  return entry;
}

/** GET /table/menu with If-None-Match. */
export async function getMenu(session: TableSession, signal?: AbortSignal): Promise<TableMenu> {
  const cached = lastMenu(session);
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
  if (seen.etag) {
    const entry = { etag: seen.etag, menu: res };
    cache.set(session, entry);
    saveStoredMenu(session.device.storeIdentifier, entry);
  }
  return res;
}

/**
 * The table's menu; refetched on `menu.changed` (see orders/use-live-updates). When the app opens again
 * the saved menu shows at once and is revalidated at the same time (a 304 when nothing changed), so a
 * slow network does not keep guests looking at a loading screen; ordering still checks every dish.
 */
export function useMenu() {
  const session = useSession();
  return useQuery({
    queryKey: menuQueryKey,
    queryFn: ({ signal }) => getMenu(session, signal),
    initialData: () => lastMenu(session)?.menu,
    initialDataUpdatedAt: 0, // stale at once: fetched on mount
    staleTime: 60_000,
  });
}
