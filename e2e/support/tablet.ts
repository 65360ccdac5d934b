// Helpers for the guest tablet journeys: set a tablet up through its UI, act as the store admin.
import type { Page } from 'playwright-core';
import { DEMO } from '../../tests/support/api-server.js';
import { adminLogin } from '../../tests/support/http.js';
import { api } from './browser.js';

/** Opens the app on a fresh device and completes the staff setup for `table`; waits for the menu. */
export async function setupTablet(page: Page, baseUrl: string, table: number): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('heading', { name: '태블릿 설정' }).waitFor();
  await page.getByLabel('매장 코드').fill(DEMO.store);
  await page.getByLabel('테이블 번호').fill(String(table));
  await page.getByLabel('테이블 비밀번호').fill(DEMO.tablePassword);
  await page.getByRole('button', { name: '설정 완료' }).click();
  await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
}

/** The store admin, through the real API (logs in per call, so short token lifetimes do not matter). */
export class Admin {
  constructor(private readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const token = await adminLogin(this.baseUrl, DEMO.store, DEMO.admin, DEMO.adminPassword);
    const r = await api<T>(this.baseUrl, token, method, `/api/v1${path}`, body);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async tableId(number: number): Promise<number> {
    const { items } = await this.call<{ items: { id: number; number: number }[] }>('GET', '/admin/tables');
    const t = items.find((i) => i.number === number);
    if (!t) throw new Error(`no table ${number}`);
    return t.id;
  }

  async menuItemId(name: string): Promise<number> {
    const { items } = await this.call<{ items: { id: number; name: string }[] }>('GET', '/admin/menu-items');
    const m = items.find((i) => i.name === name);
    if (!m) throw new Error(`no menu item ${name}`);
    return m.id;
  }

  async setSoldOut(name: string, soldOut: boolean): Promise<void> {
    await this.call('PATCH', `/admin/menu-items/${await this.menuItemId(name)}`, { soldOut });
  }

  async tableOrders(number: number): Promise<{ id: number; orderNumber: string; status: string }[]> {
    const { orders } = await this.call<{ orders: { id: number; orderNumber: string; status: string }[] }>(
      'GET',
      `/admin/tables/${await this.tableId(number)}/orders`,
    );
    return orders;
  }

  async setStatus(orderId: number, status: 'pending' | 'preparing' | 'completed'): Promise<void> {
    await this.call('PATCH', `/admin/orders/${orderId}`, { status });
  }

  async checkout(number: number): Promise<void> {
    await this.call('POST', `/admin/tables/${await this.tableId(number)}/checkout`);
  }
}

// Runs in the page (as a string: this project has no DOM types), before the app's own script.
const WATCH_SCRIPT = `
  window.__seen = { banner: false, setup: false };
  new MutationObserver(() => {
    if (document.querySelector('.banner[data-visible]')) window.__seen.banner = true;
    if (document.querySelector('.setup')) window.__seen.setup = true;
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

interface Seen {
  banner: boolean;
  setup: boolean;
}

/** Records, from the first paint of every load on, whether the connection banner or the setup screen showed. */
export async function watchForInterruptions(page: Page): Promise<void> {
  await page.addInitScript({ content: WATCH_SCRIPT });
}

/** Forgets what watchForInterruptions saw so far (e.g. the first setup itself). */
export async function clearInterruptions(page: Page): Promise<void> {
  await page.evaluate('window.__seen = { banner: false, setup: false }');
}

/** What watchForInterruptions saw since the page loaded. */
export function interruptions(page: Page): Promise<Seen> {
  return page.evaluate<Seen>('window.__seen');
}

/** This app's keys in the page's localStorage. */
export function appStorageKeys(page: Page): Promise<string[]> {
  return page.evaluate<string[]>("Object.keys(localStorage).filter((k) => k.startsWith('table-order:'))");
}

/**
 * Waits until every dish photo in view has loaded (lazy thumbnails), e.g. before a screenshot. Polls with
 * page.evaluate: waitForFunction's in-page polling evaluates strings, which the app's CSP forbids.
 */
export async function photosInViewLoaded(page: Page, timeoutMs = 10_000): Promise<void> {
  const check = `[...document.querySelectorAll('img.photo__img')]
    .filter((img) => { const r = img.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
    .every((img) => img.dataset.loaded === 'true')`;
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate<boolean>(check))) {
    if (Date.now() > deadline) throw new Error('dish photos in view did not load');
    await page.waitForTimeout(100);
  }
}

/** Visible buttons, links and inputs smaller than 44×44 px (touch targets), described for the failure message. */
export function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`[...document.querySelectorAll('button, a[href], input, textarea, select')]
    .filter((el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && (r.width < 44 || r.height < 44); })
    .map((el) => (el.getAttribute('aria-label') || el.textContent || el.tagName).trim() + ' ' + Math.round(el.getBoundingClientRect().width) + 'x' + Math.round(el.getBoundingClientRect().height))`);
}
