import type { TableMenu } from '@table-order/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TableSession } from '../shared/api/table-session';
import { saveDevice, saveSession, type SessionInfo } from '../shared/device';
import { getMenu } from './get-menu';
import {
  adoptArrivedPrefetch,
  PREFETCH_USED_MARK,
  prefetchMenu,
  prefetchMenuScript,
  type MenuPrefetch,
} from './menu-prefetch';
import { saveStoredMenu } from './menu-storage';

const device = { storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'cred-0' };
const info = (token = 'token-1', expiresAt = '2999-01-01T00:00:00.000Z'): SessionInfo => ({
  accessToken: token,
  expiresAt,
  store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
  table: { id: 3, number: 3 },
});
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
const menuResponse = (m: TableMenu, etag: string) =>
  new Response(JSON.stringify(m), { status: 200, headers: { 'content-type': 'application/json', etag } });

const urlOf = (input: RequestInfo | URL) => (input instanceof Request ? input.url : String(input));

type Win = Window & { __tableOrderMenuPrefetch?: MenuPrefetch | undefined };
const win = window as Win;

/** Runs the bootstrap against a fake fetch; returns the requests it made. */
function runBootstrap(answer: () => Promise<Response>) {
  const calls: { url: string; headers: Headers }[] = [];
  const fetchFn = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ url: urlOf(input), headers: new Headers(init?.headers) });
    return answer();
  });
  vi.stubGlobal('fetch', fetchFn);
  prefetchMenu(window);
  return calls;
}

beforeEach(() => {
  localStorage.clear();
  performance.clearMarks();
  win.__tableOrderMenuPrefetch = undefined;
});
afterEach(() => {
  vi.unstubAllGlobals();
  win.__tableOrderMenuPrefetch = undefined;
});

describe('the inline menu bootstrap', () => {
  it("asks for the menu as the app would: the saved login's token in the header (never the URL), the saved ETag", async () => {
    saveDevice(device);
    saveSession(info());
    saveStoredMenu('demo', { etag: '"m-1"', menu: menu('불고기'), lang: 'ko' });
    const calls = runBootstrap(() => Promise.resolve(new Response(null, { status: 304 })));
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe('/api/v1/table/menu');
    expect(calls[0]?.headers.get('authorization')).toBe('Bearer token-1');
    expect(calls[0]?.headers.get('if-none-match')).toBe('"m-1"');
    expect(calls[0]?.url).not.toContain('token-1');
    const left = win.__tableOrderMenuPrefetch;
    expect(left).toMatchObject({ store: 'demo', table: 3, lang: 'ko', etag: '"m-1"' });
    expect(JSON.stringify(left)).not.toContain('token-1');
    expect((await left?.response)?.status).toBe(304);
  });

  it('does nothing without a usable login: none saved, expired, or another table’s', () => {
    saveDevice(device);
    expect(runBootstrap(() => Promise.reject(new Error('no')))).toEqual([]);
    saveSession(info('old', '2000-01-01T00:00:00.000Z'));
    expect(runBootstrap(() => Promise.reject(new Error('no')))).toEqual([]);
    saveSession({ ...info(), table: { id: 9, number: 9 } });
    expect(runBootstrap(() => Promise.reject(new Error('no')))).toEqual([]);
    localStorage.setItem('table-order:session', '{not json');
    expect(runBootstrap(() => Promise.reject(new Error('no')))).toEqual([]);
    expect(win.__tableOrderMenuPrefetch).toBeUndefined();
  });

  it('sends no ETag when the saved menu is in another language (the app starts in Korean)', () => {
    saveDevice(device);
    saveSession(info());
    saveStoredMenu('demo', { etag: '"en-1"', menu: menu('Bulgogi'), lang: 'en' });
    const calls = runBootstrap(() => Promise.resolve(menuResponse(menu('불고기'), '"m-1"')));
    expect(calls[0]?.headers.get('if-none-match')).toBeNull();
  });

  it('stands alone as index.html carries it (its source text, run as a script)', () => {
    saveDevice(device);
    saveSession(info());
    const calls: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL) => {
      calls.push(urlOf(input));
      return Promise.resolve(new Response('{}'));
    });
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- exactly what the browser does with it
    new Function(prefetchMenuScript())();
    expect(calls).toEqual(['/api/v1/table/menu']);
  });
});

describe('the app takes the bootstrap’s answer', () => {
  it('renders from it: no menu request of its own, ETag saved for the next start', async () => {
    saveDevice(device);
    saveSession(info());
    runBootstrap(() => Promise.resolve(menuResponse(menu('불고기'), '"m-1"')));
    const own = vi.fn(() => Promise.reject(new Error('the app must not ask again')));
    const session = new TableSession(device, info(), { fetch: own });
    await expect(getMenu(session)).resolves.toEqual(menu('불고기'));
    expect(own).not.toHaveBeenCalled();
    expect(performance.getEntriesByName(PREFETCH_USED_MARK)).toHaveLength(1);
    expect(JSON.parse(localStorage.getItem('table-order:menu:demo') ?? '{}')).toMatchObject({
      etag: '"m-1"',
    });
    // Taken once: the next read is the app's own request.
    const next = new TableSession(device, info(), {
      fetch: () => Promise.resolve(new Response(null, { status: 304 })),
    });
    await expect(getMenu(next)).resolves.toEqual(menu('불고기'));
  });

  it('a 304 from it shows the saved menu', async () => {
    saveDevice(device);
    saveSession(info());
    saveStoredMenu('demo', { etag: '"m-1"', menu: menu('불고기'), lang: 'ko' });
    runBootstrap(() => Promise.resolve(new Response(null, { status: 304 })));
    const own = vi.fn(() => Promise.reject(new Error('the app must not ask again')));
    await expect(getMenu(new TableSession(device, info(), { fetch: own }))).resolves.toEqual(menu('불고기'));
    expect(own).not.toHaveBeenCalled();
  });

  it('asks itself when the bootstrap’s request failed', async () => {
    saveDevice(device);
    saveSession(info());
    runBootstrap(() => Promise.reject(new TypeError('Failed to fetch')));
    const own = vi.fn(() => Promise.resolve(menuResponse(menu('김치찌개'), '"m-2"')));
    await expect(getMenu(new TableSession(device, info(), { fetch: own }))).resolves.toEqual(
      menu('김치찌개'),
    );
    expect(own).toHaveBeenCalledTimes(1);
    expect(performance.getEntriesByName(PREFETCH_USED_MARK)).toHaveLength(0);
  });

  it('logs in again and repeats the request when the bootstrap’s token was refused', async () => {
    saveDevice(device);
    saveSession(info('revoked'));
    runBootstrap(() =>
      Promise.resolve(
        new Response(JSON.stringify({ error: 'invalid_token', message: 'x' }), { status: 401 }),
      ),
    );
    const seen: string[] = [];
    const own = vi.fn((input: RequestInfo | URL, init?: RequestInit) => {
      const url = urlOf(input);
      if (url.endsWith('/auth/table/refresh')) {
        return Promise.resolve(
          new Response(
            JSON.stringify({ ...info('fresh'), tokenType: 'Bearer', deviceCredential: 'cred-1' }),
            {
              status: 200,
            },
          ),
        );
      }
      seen.push(new Headers(init?.headers).get('authorization') ?? '');
      return Promise.resolve(menuResponse(menu('불고기'), '"m-1"'));
    });
    const session = new TableSession(device, info('revoked'), { fetch: own });
    await expect(getMenu(session)).resolves.toEqual(menu('불고기'));
    expect(seen).toEqual(['Bearer fresh']);
  });

  it('leaves it when it asked something else (another ETag than the app holds)', async () => {
    saveDevice(device);
    saveSession(info());
    // A saved menu the app does not accept (from before options): the app holds no ETag.
    localStorage.setItem(
      'table-order:menu:demo',
      JSON.stringify({ etag: '"old"', menu: { categories: [{ items: [{ id: 1 }] }] } }),
    );
    runBootstrap(() => Promise.resolve(new Response(null, { status: 304 })));
    expect(win.__tableOrderMenuPrefetch?.etag).toBe('"old"');
    const own = vi.fn(() => Promise.resolve(menuResponse(menu('불고기'), '"m-1"')));
    await expect(getMenu(new TableSession(device, info(), { fetch: own }))).resolves.toEqual(menu('불고기'));
    expect(own).toHaveBeenCalledTimes(1);
  });
});

describe('an answer that arrived before the app started', () => {
  it('is read before the first render and saved, so the first render shows the menu; no second request', async () => {
    saveDevice(device);
    saveSession(info());
    runBootstrap(() => Promise.resolve(menuResponse(menu('불고기'), '"m-1"')));
    await win.__tableOrderMenuPrefetch?.response; // arrived
    await adoptArrivedPrefetch(win);
    expect(win.__tableOrderMenuPrefetch).toBeUndefined();
    // What useMenu's initialData reads at the first render.
    expect(JSON.parse(localStorage.getItem('table-order:menu:demo') ?? '{}')).toMatchObject({
      etag: '"m-1"',
      menu: menu('불고기'),
    });
    const own = vi.fn(() => Promise.reject(new Error('the app must not ask again')));
    await expect(getMenu(new TableSession(device, info(), { fetch: own }))).resolves.toEqual(menu('불고기'));
    expect(own).not.toHaveBeenCalled();
    expect(performance.getEntriesByName(PREFETCH_USED_MARK)).toHaveLength(1);
  });

  it('is not waited for while still on the network: the first menu read takes it then', async () => {
    saveDevice(device);
    saveSession(info());
    let answer: (r: Response) => void = () => undefined;
    runBootstrap(() => new Promise<Response>((resolve) => (answer = resolve)));
    await adoptArrivedPrefetch(win);
    expect(win.__tableOrderMenuPrefetch).toBeDefined();
    const own = vi.fn(() => Promise.reject(new Error('the app must not ask again')));
    const read = getMenu(new TableSession(device, info(), { fetch: own }));
    answer(menuResponse(menu('김치찌개'), '"m-2"'));
    await expect(read).resolves.toEqual(menu('김치찌개'));
    expect(own).not.toHaveBeenCalled();
  });
});
