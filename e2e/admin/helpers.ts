// Shared steps of the admin dashboard journeys: a server with the demo store, a logged-in page,
// table logins and orders placed through the table API (as the tablets do).
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO, startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { adminLogin, tableLogin } from '../../tests/support/http.js';
import { api, launchBrowser } from '../support/browser.js';

export interface Order {
  id: number;
  orderNumber: string;
  tableId: number;
  tableNumber: number;
  sessionId: number;
  status: string;
  totalAmount: number;
  items: { name: string; quantity: number }[];
}
export interface TableMenu {
  categories: {
    id: number;
    name: string;
    items: { id: number; name: string; price: number; soldOut: boolean }[];
  }[];
}

const FULL_HD = { width: 1920, height: 1080 };
export const TABLET = { width: 1280, height: 800 };

/** A running server plus a browser for one journey file. */
export async function setup(
  env: Record<string, string> = {},
): Promise<{ server: ApiProcess; browser: Browser }> {
  const server = await startDemoServer(env);
  const browser = await launchBrowser();
  return { server, browser };
}

/** A fresh browser context with the dashboard open (not logged in). */
export async function openAdmin(
  browser: Browser,
  baseUrl: string,
  viewport = FULL_HD,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    console.error('[page error]', err.message);
  });
  page.on('console', (message) => {
    // Refused requests (401 on a wrong login, 409 explained in a dialog) log a line; anything else is news.
    if (message.type() === 'error' && !/status of (401|409|422|423) /.test(message.text())) {
      console.error('[console error]', message.text());
    }
  });
  await page.goto(`${baseUrl}/admin/`);
  return { context, page };
}

/** Logs in through the form and waits for the live board. */
export async function loginUi(page: Page, password: string = DEMO.adminPassword): Promise<void> {
  await page.getByLabel('매장 ID').fill(DEMO.store);
  await page.getByLabel('아이디').fill(DEMO.admin);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
  await tableCard(page, 1).waitFor();
}

/** The board card of a table. */
export const tableCard = (page: Page, n: number): Locator =>
  page.getByRole('article', { name: `테이블 ${n}`, exact: true });

/** Waits until the connection indicator says live. */
export async function waitLive(page: Page, timeout = 10_000): Promise<void> {
  await page.getByRole('status', { name: '실시간 연결 상태: 실시간 연결됨' }).waitFor({ timeout });
}

/** A table token, as the tablet gets it. */
export function tableToken(baseUrl: string, tableNumber: number, password: string = DEMO.tablePassword) {
  return tableLogin(baseUrl, DEMO.store, tableNumber, password);
}

export function adminToken(baseUrl: string) {
  return adminLogin(baseUrl, DEMO.store, DEMO.admin, DEMO.adminPassword);
}

/** The guest menu a table sees. */
export async function tableMenu(baseUrl: string, token: string): Promise<TableMenu> {
  const r = await api<TableMenu>(baseUrl, token, 'GET', '/api/v1/table/menu');
  if (r.status !== 200) throw new Error(`menu: ${r.status}`);
  return r.body;
}

/** Finds a menu item id by name. */
export function itemId(menu: TableMenu, name: string): number {
  for (const c of menu.categories) for (const i of c.items) if (i.name === name) return i.id;
  throw new Error(`no menu item ${name}`);
}

/** Places an order through the table API (with an idempotency key, as the tablet does). */
export async function placeOrder(
  baseUrl: string,
  token: string,
  items: { menuItemId: number; quantity: number }[],
  note?: string,
): Promise<Order> {
  const r = await api<Order>(
    baseUrl,
    token,
    'POST',
    '/api/v1/table/orders',
    { items, ...(note ? { note } : {}) },
    { 'idempotency-key': randomUUID() },
  );
  if (r.status !== 201) throw new Error(`order: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** `20250101-0012` → `0012`, as the board shows it. */
export const shortNo = (o: Order) => o.orderNumber.split('-').at(-1) ?? o.orderNumber;

/** `12,000원`. */
export const won = (n: number) => `${n.toLocaleString('en-US')}원`;

/** Whitespace-normalised visible text of an element. */
export async function text(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, ' ').trim();
}

/** A server whose tokens expire after `hours` (JWT_EXPIRE_HOURS). */
export function startShortLivedServer(hours: string) {
  return setup({ JWT_EXPIRE_HOURS: hours });
}
