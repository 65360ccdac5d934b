import type { TableMenu } from '@table-order/contracts';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TableSession } from '../shared/api/table-session';
import { getMenu } from './get-menu';
import { loadStoredMenu, saveStoredMenu } from './menu-storage';

const device = { storeIdentifier: 'demo', tableNumber: 3, password: '1234' };
const session = { accessToken: 'token-1', expiresAt: '2999-01-01T00:00:00.000Z' };
const info = {
  ...session,
  store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
  table: { id: 3, number: 3 },
};
const menu = (name: string): TableMenu => ({
  categories: [
    {
      id: 1,
      name: '메인',
      items: [
        {
          id: 10,
          name,
          price: 9000,
          description: '',
          imageUrl: null,
          thumbnailUrl: null,
          soldOut: false,
          optionGroups: [],
        },
      ],
    },
  ],
});

/** A menu endpoint that answers 304 to the current ETag and the menu otherwise. */
function menuApi(current: { etag: string; menu: TableMenu }) {
  const sent: (string | null)[] = [];
  const fetchFn = vi.fn((_input: RequestInfo | URL, init?: RequestInit) => {
    const inm = new Headers(init?.headers).get('if-none-match');
    sent.push(inm);
    if (inm === current.etag) return Promise.resolve(new Response(null, { status: 304 }));
    return Promise.resolve(
      new Response(JSON.stringify(current.menu), {
        status: 200,
        headers: { 'content-type': 'application/json', etag: current.etag },
      }),
    );
  });
  return { fetchFn, sent };
}

describe('the saved menu', () => {
  beforeEach(() => {
    localStorage.clear();
  });

  it('is written on every new menu and revalidated with its ETag when the app starts again', async () => {
    const api = menuApi({ etag: '"m-1"', menu: menu('불고기') });
    const first = new TableSession(device, info, { fetch: api.fetchFn, persist: () => undefined });
    expect(await getMenu(first)).toEqual(menu('불고기'));
    expect(loadStoredMenu('demo')).toEqual({ etag: '"m-1"', menu: menu('불고기'), lang: 'ko' });

    // The next start (a new session object) asks with the saved ETag and gets the saved menu on 304.
    const again = new TableSession(device, info, { fetch: api.fetchFn, persist: () => undefined });
    expect(await getMenu(again)).toEqual(menu('불고기'));
    expect(api.sent).toEqual([null, '"m-1"']);
  });

  it('asks for the language the tablet shows and revalidates only a menu saved in that language', async () => {
    const urls: string[] = [];
    const api = menuApi({ etag: '"m-1-ja"', menu: menu('キムチチゲ') });
    const fetchFn = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      urls.push(input instanceof Request ? input.url : input.toString());
      return api.fetchFn(input, init);
    });
    saveStoredMenu('demo', { etag: '"m-1-ko"', menu: menu('김치찌개'), lang: 'ko' });
    const s = new TableSession(device, info, { fetch: fetchFn, persist: () => undefined });
    expect(await getMenu(s, undefined, 'ja')).toEqual(menu('キムチチゲ'));
    expect(urls.at(-1)).toMatch(/\/table\/menu\?lang=ja$/);
    // The Korean ETag is not sent for the Japanese menu.
    expect(api.sent).toEqual([null]);
    expect(loadStoredMenu('demo')).toEqual({ etag: '"m-1-ja"', menu: menu('キムチチゲ'), lang: 'ja' });
    // Next start in Japanese: revalidated with the Japanese ETag.
    const again = new TableSession(device, info, { fetch: fetchFn, persist: () => undefined });
    expect(await getMenu(again, undefined, 'ja')).toEqual(menu('キムチチゲ'));
    expect(api.sent).toEqual([null, '"m-1-ja"']);
  });

  it('is replaced when the menu changed while the app was closed', async () => {
    saveStoredMenu('demo', { etag: '"m-1"', menu: menu('불고기') });
    const api = menuApi({ etag: '"m-2"', menu: menu('비빔밥') });
    const s = new TableSession(device, info, { fetch: api.fetchFn, persist: () => undefined });
    expect(await getMenu(s)).toEqual(menu('비빔밥'));
    expect(loadStoredMenu('demo')?.etag).toBe('"m-2"');
  });

  it('ignores what is not a menu and keeps stores apart', () => {
    localStorage.setItem('table-order:menu:demo', '{"etag":"x","menu":{"categories":[1]}}');
    expect(loadStoredMenu('demo')).toBeUndefined();
    localStorage.setItem('table-order:menu:demo', 'not json');
    expect(loadStoredMenu('demo')).toBeUndefined();
    saveStoredMenu('other', { etag: '"o"', menu: menu('짜장면') });
    expect(loadStoredMenu('demo')).toBeUndefined();
  });

  it('is refetched when it was saved before items had option groups', () => {
    const old = menu('불고기');
    const items = old.categories[0]?.items.map(({ optionGroups: _, ...i }) => i);
    localStorage.setItem(
      'table-order:menu:demo',
      JSON.stringify({ etag: '"m-0"', menu: { categories: [{ id: 1, name: '메인', items }] } }),
    );
    expect(loadStoredMenu('demo')).toBeUndefined();
  });
});
