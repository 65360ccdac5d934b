import type { TableMenu } from '@table-order/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSession } from '../shared/api/session-context';
import type { TableSession } from '../shared/api/table-session';
import { useI18n, type Lang } from '../shared/i18n/i18n';
import { takeAdoptedMenu, takeMenuPrefetch } from './menu-prefetch';
import { loadStoredMenu, saveStoredMenu, type StoredMenu } from './menu-storage';

export type MenuCategory = TableMenu['categories'][number];
export type MenuItem = MenuCategory['items'][number];

export const menuQueryKey = ['menu'] as const;

// The last menu and its ETag per session and language: a refetch after `menu.changed` costs a 304 when
// nothing changed. It starts from the menu saved by the previous run of the app (see useMenu), which is
// in the language the tablet last showed.
const cache = new WeakMap<TableSession, Map<Lang, StoredMenu>>();

function lastMenu(session: TableSession, lang: Lang): StoredMenu | undefined {
  let byLang = cache.get(session);
  if (!byLang) {
    byLang = new Map();
    cache.set(session, byLang);
    const saved = loadStoredMenu(session.device.storeIdentifier);
    if (saved) byLang.set(saved.lang ?? 'ko', saved);
  }
  return byLang.get(lang);
}

/** GET /table/menu in `lang` (names and descriptions the store translated; Korean otherwise), with If-None-Match. */
export async function getMenu(
  session: TableSession,
  signal?: AbortSignal,
  lang: Lang = 'ko',
): Promise<TableMenu> {
  const want = {
    store: session.device.storeIdentifier,
    table: session.device.tableNumber,
    login: session.current,
    lang,
  };
  // The bootstrap's answer, already read before the first render (main.tsx): the menu as it is now.
  const adopted = await takeAdoptedMenu(want);
  if (adopted) {
    lastMenu(session, lang); // loads the saved menus first
    cache.get(session)?.set(lang, { ...adopted, lang });
    return adopted.menu;
  }
  const cached = lastMenu(session, lang);
  const seen: { etag: string | null } = { etag: null };
  // The request index.html's bootstrap already made, when it is this one (see menu-prefetch.ts).
  const prefetched = takeMenuPrefetch({ ...want, etag: cached?.etag ?? null });
  const res = await session.json<TableMenu>(lang === 'ko' ? '/table/menu' : `/table/menu?lang=${lang}`, {
    headers: cached ? { 'if-none-match': cached.etag } : {},
    ...(signal ? { signal } : {}),
    prefetched,
    onResponse: (r) => {
      seen.etag = r.headers.get('etag');
    },
  });
  if (res === undefined) {
    if (cached) return cached.menu;
    throw new Error('304 without a cached menu');
  }
  if (seen.etag) {
    const entry = { etag: seen.etag, menu: res, lang };
    cache.get(session)?.set(lang, entry);
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
  const { lang } = useI18n();
  return useQuery({
    queryKey: [...menuQueryKey, lang],
    queryFn: ({ signal }) => getMenu(session, signal, lang),
    initialData: () => lastMenu(session, lang)?.menu,
    // While another language loads, the menu on screen stays (no loading screen for a language switch).
    placeholderData: keepPreviousData,
    initialDataUpdatedAt: 0, // stale at once: fetched on mount
    staleTime: 60_000,
  });
}
