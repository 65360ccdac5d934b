import type { TableMenu } from '@table-order/contracts';
import { saveStoredMenu, type StoredMenu } from './menu-storage';

// The first menu request of a start, made before the app's script has arrived. A first visit on a slow
// network is otherwise three round trips in sequence (the page, the script, then the menu the script asks
// for); `index.html` carries `prefetchMenu` inline (vite.config.ts writes it there, the API and Nginx
// allow it by its CSP hash), so the menu request travels while the script downloads, and the app takes
// its answer instead of asking again (`takeMenuPrefetch`, from getMenu).

/** What the inline bootstrap leaves on `window` for the app: the request it started and what it sent. */
export interface MenuPrefetch {
  store: string;
  table: number;
  /** The expiry of the login whose token it sent (the token itself is not copied anywhere). */
  expiresAt: string;
  /** The menu language it asked for: the app's first menu query is in Korean (i18n.tsx). */
  lang: 'ko';
  /** The saved menu's ETag it sent as If-None-Match, or null. */
  etag: string | null;
  /** The answer; null when the request failed (the app then asks itself). */
  response: Promise<Response | null>;
}

interface PrefetchWindow {
  __tableOrderMenuPrefetch?: MenuPrefetch | undefined;
}

/**
 * The inline bootstrap. Runs as a classic script before the app's module, so it must stand alone: no
 * imports, no names from outside its body (it is written into index.html as its source text). It reads
 * what the app itself reads at start (shared/device.ts, menu-storage.ts) and asks for the menu exactly as
 * getMenu would: same path, bearer token in the header, If-None-Match with the saved menu's ETag. With
 * no usable saved login it does nothing and the app starts as before.
 */
export function prefetchMenu(win: Window & PrefetchWindow): void {
  try {
    const read = (key: string): unknown =>
      JSON.parse(win.localStorage.getItem(`table-order:${key}`) ?? 'null');
    const object = (v: unknown): Record<string, unknown> | null =>
      typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
    const device = object(read('device'));
    const session = object(read('session'));
    const store = object(session?.store);
    const table = object(session?.table);
    if (!device || !session || !store || !table) return;
    const { storeIdentifier, tableNumber } = device;
    const { accessToken, expiresAt } = session;
    if (typeof storeIdentifier !== 'string' || typeof tableNumber !== 'number') return;
    if (store.identifier !== storeIdentifier || table.number !== tableNumber) return;
    // An expired login would be refused: the app logs in first, as TableSession.token() does.
    if (typeof accessToken !== 'string' || typeof expiresAt !== 'string') return;
    if (!(Date.parse(expiresAt) > Date.now())) return;
    const saved = object(read(`menu:${storeIdentifier}`));
    const savedLang = saved?.lang ?? 'ko';
    const etag = savedLang === 'ko' && typeof saved?.etag === 'string' ? saved.etag : null;
    const headers: Record<string, string> = {
      accept: 'application/json',
      authorization: `Bearer ${accessToken}`,
    };
    if (etag !== null) headers['if-none-match'] = etag;
    const init: RequestInit = { headers };
    if (typeof AbortSignal.timeout === 'function') init.signal = AbortSignal.timeout(15_000);
    win.__tableOrderMenuPrefetch = {
      store: storeIdentifier,
      table: tableNumber,
      expiresAt,
      lang: 'ko',
      etag,
      response: win.fetch('/api/v1/table/menu', init).catch(() => null),
    };
  } catch {
    // unreadable storage: the app asks for the menu itself
  }
}

/** The bootstrap as index.html carries it. */
export function prefetchMenuScript(): string {
  return `(${prefetchMenu.toString()})(window);`;
}

/** The performance mark set when the app's menu came from the bootstrap's request. */
export const PREFETCH_USED_MARK = 'table-order:menu-prefetch-used';

/** The answer to use instead of a new request, with the token that request carried. */
export interface PrefetchedResponse {
  response: Promise<Response | null>;
  token: string;
}

/**
 * The bootstrap's menu request, once (a response body is read once), if it asked exactly what this
 * request would: the same store, table and login, language and If-None-Match. Otherwise (or when there
 * was none) undefined, and the caller asks itself.
 */
export function takeMenuPrefetch(
  want: {
    store: string;
    table: number;
    login: { accessToken: string; expiresAt: string } | null;
    lang: string;
    etag: string | null;
  },
  win: PrefetchWindow | undefined = typeof window === 'undefined' ? undefined : (window as PrefetchWindow),
): PrefetchedResponse | undefined {
  const p = win?.__tableOrderMenuPrefetch;
  if (!win || !p) return undefined;
  win.__tableOrderMenuPrefetch = undefined;
  const login = want.login;
  const same =
    login !== null &&
    p.store === want.store &&
    p.table === want.table &&
    p.expiresAt === login.expiresAt &&
    p.lang === want.lang &&
    p.etag === want.etag;
  if (!same) {
    // Not ours to read: let the answer go.
    void p.response.then((r) => r?.body?.cancel()).catch(() => undefined);
    return undefined;
  }
  const response = p.response.then((r) => {
    // What the e2e journey and the bench look for: this start's menu came from the bootstrap's request.
    if (r) performance.mark(PREFETCH_USED_MARK);
    return r;
  });
  return { response, token: login.accessToken };
}

/** An answer adopted before the first render (adoptArrivedPrefetch), for the first menu read to return. */
let answered:
  | { store: string; table: number; expiresAt: string; lang: string; entry: Promise<StoredMenu | null> }
  | undefined;

/**
 * Before the app's first render: when the bootstrap's answer has already arrived (a new menu, 200 with
 * its ETag), reads it and saves it as the stored menu, so the first render shows the menu like a reopened
 * app does (no loading skeleton laid out and replaced). Waits for nothing still on the network (an answer
 * not yet arrived is left for getMenu), and at most `budgetMs` for the body of one that has.
 */
export async function adoptArrivedPrefetch(
  win: PrefetchWindow = window as PrefetchWindow,
  budgetMs = 100,
): Promise<void> {
  const p = win.__tableOrderMenuPrefetch;
  if (!p) return;
  const waiting = Symbol('waiting');
  const res = await Promise.race([
    p.response,
    new Promise<typeof waiting>((resolve) =>
      setTimeout(() => {
        resolve(waiting);
      }, 0),
    ),
  ]);
  if (res === waiting || res === null || res.status !== 200) return;
  const etag = res.headers.get('etag');
  if (!etag) return;
  win.__tableOrderMenuPrefetch = undefined;
  const entry = res.json().then(
    (menu: unknown): StoredMenu => {
      const saved = { etag, menu: menu as TableMenu, lang: p.lang };
      saveStoredMenu(p.store, saved);
      performance.mark(PREFETCH_USED_MARK);
      return saved;
    },
    () => null,
  );
  answered = { store: p.store, table: p.table, expiresAt: p.expiresAt, lang: p.lang, entry };
  await Promise.race([entry, new Promise((resolve) => setTimeout(resolve, budgetMs))]);
}

/**
 * The bootstrap's answer adopted before the first render, once, if it is for this store, table, login and
 * language; it resolves to null when its body could not be read (the caller then asks itself).
 */
export function takeAdoptedMenu(want: {
  store: string;
  table: number;
  login: { expiresAt: string } | null;
  lang: string;
}): Promise<StoredMenu | null> | undefined {
  const a = answered;
  answered = undefined;
  if (!a || want.login === null) return undefined;
  const same =
    a.store === want.store &&
    a.table === want.table &&
    a.expiresAt === want.login.expiresAt &&
    a.lang === want.lang;
  return same ? a.entry : undefined;
}
