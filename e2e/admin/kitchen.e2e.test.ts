// The kitchen display (SPEC 15): twenty orders from four tablets come in as tickets, oldest first; a tap
// on the header moves a ticket on, "되돌리기" takes a completion back; struck lines survive a reload; the
// API server restarts while orders keep coming and every ticket is shown exactly once; a staff account
// uses it on a 1280×800 tablet. Screenshots at 1920×1080 and 1280×800.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, shot } from '../support/browser.js';
import { DEMO, type ApiProcess } from '../../tests/support/api-server.js';
import {
  TABLET,
  adminToken,
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  shortNo,
  tableMenu,
  tableToken,
  text,
  waitLive,
  type Order,
} from './helpers.js';

/** Every ticket on the rail, in screen order. */
const tickets = (page: Page): Locator => page.getByRole('list', { name: '주방 화면' }).getByRole('article');
const ticket = (page: Page, o: Order): Locator =>
  page.getByRole('article', { name: `${o.tableNumber}번 테이블 주문 ${shortNo(o)}`, exact: true });
const header = (page: Page, o: Order): Locator => ticket(page, o).locator('.ticket__head');

/** The order ids of the tickets shown, in screen order. */
async function shownIds(page: Page): Promise<number[]> {
  const ids = await tickets(page).evaluateAll((els) =>
    els.map((e) => Number(e.getAttribute('data-order-id'))),
  );
  return ids;
}

describe('kitchen display', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;

  beforeAll(async () => {
    ({ server, browser } = await setup());
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await page.getByRole('link', { name: '주방 화면' }).click();
    await page.getByRole('heading', { name: '주방 화면', level: 1 }).waitFor();
    await waitLive(page);
    admin = await adminToken(server.baseUrl);
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  const status = async (o: Order) =>
    (await api<{ status: string }>(server.baseUrl, admin, 'GET', `/api/v1/admin/orders/${o.id}`)).body.status;

  it('shows twenty orders from four tablets oldest first; bump, undo, struck lines', async () => {
    await page.getByText('대기 중인 주문이 없습니다.').waitFor();
    const tables = [1, 2, 3, 4];
    const tokens = new Map<number, string>();
    for (const n of tables) tokens.set(n, await tableToken(server.baseUrl, n));
    const menu = await tableMenu(server.baseUrl, tokens.get(1) ?? '');
    const dishes = ['김치찌개', '제육볶음', '계란말이', '공기밥', '콜라'].map((n) => itemId(menu, n));
    // 떡볶이 with the first choice of each of its option groups, for one of the orders.
    const raw = await api<{
      categories: {
        items: { id: number; name: string; optionGroups: { options: { id: number; name: string }[] }[] }[];
      }[];
    }>(server.baseUrl, tokens.get(1) ?? '', 'GET', '/api/v1/table/menu');
    const spicy = raw.body.categories.flatMap((c) => c.items).find((i) => i.name === '떡볶이');
    const chosen = (spicy?.optionGroups ?? []).flatMap((g) => g.options.slice(0, 1));
    expect(chosen.length).toBeGreaterThan(0);
    const placed: Order[] = [];
    for (let i = 0; i < 20; i++) {
      const n = tables[i % tables.length] ?? 1;
      const items: { menuItemId: number; quantity: number; optionIds?: number[] }[] = [
        { menuItemId: dishes[i % dishes.length] ?? 0, quantity: 1 + (i % 3) },
        { menuItemId: dishes[(i + 2) % dishes.length] ?? 0, quantity: 1 },
      ];
      if (i === 6)
        items.push({ menuItemId: spicy?.id ?? 0, quantity: 1, optionIds: chosen.map((o) => o.id) });
      placed.push(
        await placeOrder(
          server.baseUrl,
          tokens.get(n) ?? '',
          items,
          i % 4 === 0 ? '덜 맵게 해 주세요' : undefined,
        ),
      );
    }
    await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual(placed.map((o) => o.id));
    expect(await text(page.getByText(/^주문 \d+건$/))).toBe('주문 20건');
    const first = placed[0]!;
    expect(await text(ticket(page, first))).toContain('1번');
    expect(await text(ticket(page, first))).toContain('덜 맵게 해 주세요');
    expect(await text(ticket(page, first))).toContain('대기중');
    // A line with options shows each chosen option under the dish.
    const withOptions = await text(ticket(page, placed[6]!).getByRole('button', { name: /떡볶이/ }));
    for (const o of chosen) expect(withOptions).toContain(o.name);
    await page.screenshot({ path: shot('admin-kitchen-1920') });

    // Strike a line: it stays struck across a reload of the page.
    const line = ticket(page, first).getByRole('button', { name: /김치찌개/ });
    await line.click();
    expect(await line.getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await waitLive(page);
    await expect.poll(() => shownIds(page)).toEqual(placed.map((o) => o.id));
    expect(
      await ticket(page, first)
        .getByRole('button', { name: /김치찌개/ })
        .getAttribute('aria-pressed'),
    ).toBe('true');

    // Bump: pending → preparing at once on the server.
    await header(page, first).click();
    await expect.poll(() => text(ticket(page, first))).toContain('준비중');
    await expect.poll(() => status(first)).toBe('preparing');
    // Bump again: the ticket leaves, "되돌리기" brings it back in its place; nothing was completed.
    await header(page, first).click();
    const undoBar = page.getByRole('status').filter({ hasText: '되돌리기' });
    await undoBar.waitFor();
    expect(await text(undoBar)).toContain(`1번 테이블 주문 ${shortNo(first)} 완료`);
    expect(await shownIds(page)).toEqual(placed.slice(1).map((o) => o.id));
    await undoBar.getByRole('button', { name: '되돌리기' }).click();
    await undoBar.waitFor({ state: 'detached' });
    expect(await shownIds(page)).toEqual(placed.map((o) => o.id));
    expect(await status(first)).toBe('preparing');

    // Complete it for good: the next completion sends the held one at once.
    const second = placed[1]!;
    await header(page, first).click();
    await header(page, second).click(); // pending → preparing
    await header(page, second).click(); // held; `first` is sent now
    await expect.poll(() => status(first)).toBe('completed');
    expect(await status(second)).toBe('preparing');
    expect(await shownIds(page)).toEqual(placed.slice(2).map((o) => o.id));
    await page.getByRole('button', { name: '되돌리기' }).click();
    expect(await shownIds(page)).toEqual(placed.slice(1).map((o) => o.id));
    expect(await status(second)).toBe('preparing');
  });

  it('shows every ticket exactly once across a server restart mid-service', async () => {
    const before = await shownIds(page);
    const tables = [5, 6, 7];
    const tokens = new Map<number, string>();
    for (const n of tables) tokens.set(n, await tableToken(server.baseUrl, n));
    const menu = await tableMenu(server.baseUrl, tokens.get(5) ?? '');
    const cola = itemId(menu, '콜라');
    const placed: Order[] = [];
    let failures = 0;
    let running = true;
    // Orders keep coming from three tablets; those refused while the server is down are not placed.
    const traffic = (async () => {
      let i = 0;
      while (running) {
        const n = tables[i++ % tables.length] ?? 5;
        try {
          placed.push(
            await placeOrder(server.baseUrl, tokens.get(n) ?? '', [{ menuItemId: cola, quantity: 1 }]),
          );
        } catch {
          failures++;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    await new Promise((r) => setTimeout(r, 1500));
    await server.kill('SIGTERM');
    await page
      .getByRole('status', { name: /실시간 연결 상태: (다시 연결하는 중…|연결 끊김)/ })
      .waitFor({ timeout: 5000 });
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    await waitLive(page, 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    running = false;
    await traffic;
    expect(failures).toBeGreaterThan(0);
    expect(placed.length).toBeGreaterThan(10);

    // Every ticket once, oldest first: the earlier ones, then each order placed around the restart.
    const expected = [...before, ...placed.map((o) => o.id)];
    await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual(expected);
    expect(new Set(await shownIds(page)).size).toBe(expected.length);
    // A fresh snapshot (reload) agrees with what the events built.
    await page.reload();
    await waitLive(page);
    await expect.poll(() => shownIds(page), { timeout: 10_000 }).toEqual(expected);
  });

  it('works for a staff account on a 1280×800 tablet', async () => {
    const r = await api(server.baseUrl, admin, 'POST', '/api/v1/admin/accounts', {
      username: 'cook',
      password: 'cook-pass-1',
      role: 'staff',
    });
    expect(r.status).toBe(201);
    const tablet = await openAdmin(browser, server.baseUrl, TABLET);
    try {
      const p = tablet.page;
      await p.getByLabel('매장 ID').fill(DEMO.store);
      await p.getByLabel('아이디').fill('cook');
      await p.getByLabel('비밀번호').fill('cook-pass-1');
      await p.getByRole('button', { name: '로그인' }).click();
      await p.getByRole('link', { name: '주방 화면' }).click();
      await waitLive(p);
      await expect.poll(async () => (await shownIds(p)).length).toBeGreaterThan(20);
      expect(await shownIds(p)).toEqual(await shownIds(page));
      await p.screenshot({ path: shot('admin-kitchen-1280') });
      // The staff bumps a ticket like the owner.
      const oldest = (await shownIds(p))[0] ?? 0;
      await p.locator(`[data-order-id="${oldest}"] .ticket__head`).click();
      await p.getByRole('button', { name: '되돌리기' }).waitFor();
      await p.getByRole('button', { name: '되돌리기' }).click();
      expect((await shownIds(p))[0]).toBe(oldest);
    } finally {
      await tablet.context.close();
    }
  });
});
