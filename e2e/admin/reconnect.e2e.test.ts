// The API server restarts while orders keep coming: the board says "reconnecting", comes back by itself
// and shows every order exactly once (replayed with Last-Event-ID).
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser.js';
import type { ApiProcess } from '../../tests/support/api-server.js';
import {
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  tableCard,
  tableMenu,
  tableToken,
  text,
  waitLive,
  won,
  type Order,
} from './helpers.js';

describe('board across a server restart', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await setup());
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await waitLive(page);
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  it('shows reconnecting, then every order once', async () => {
    const tables = [1, 2, 3];
    const tokens = new Map<number, string>();
    for (const n of tables) tokens.set(n, await tableToken(server.baseUrl, n));
    const menu = await tableMenu(server.baseUrl, tokens.get(1) ?? '');
    const cola = itemId(menu, '콜라');
    const placed: Order[] = [];
    let failures = 0;
    let running = true;

    // Orders keep coming from three tablets, about five a second; those refused while the server is down
    // are simply not placed (the tablet would retry them).
    const traffic = (async () => {
      let i = 0;
      while (running) {
        const n = tables[i++ % tables.length] ?? 1;
        try {
          placed.push(
            await placeOrder(server.baseUrl, tokens.get(n) ?? '', [
              { menuItemId: cola, quantity: 1 + (i % 3) },
            ]),
          );
        } catch {
          failures++;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();

    await new Promise((r) => setTimeout(r, 1500));
    await server.kill('SIGTERM');
    const indicator = page.getByRole('status', { name: /실시간 연결 상태: (다시 연결하는 중…|연결 끊김)/ });
    await indicator.waitFor({ timeout: 5000 });
    expect(await text(indicator)).toMatch(/다시 연결하는 중…|연결 끊김/);
    await page.screenshot({ path: shot('admin-board-reconnecting') });
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    await waitLive(page, 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    running = false;
    await traffic;
    expect(failures).toBeGreaterThan(0); // the server really was down while orders came
    expect(placed.length).toBeGreaterThan(10);

    // Every placed order is on the board once: each card's order count and total come from the events.
    for (const n of tables) {
      const mine = placed.filter((o) => o.tableNumber === n);
      const total = mine.reduce((s, o) => s + o.totalAmount, 0);
      const card = tableCard(page, n);
      await expect.poll(() => text(card), { timeout: 5000 }).toContain(`주문 ${mine.length}건`);
      expect(await text(card)).toContain(won(total));
      // The newest order heads the card.
      const newest = mine.at(-1);
      if (newest) {
        const no = newest.orderNumber.split('-').at(-1) ?? '';
        expect(await card.getByRole('button', { name: new RegExp(`^주문 #${no}(?!\\d)`) }).count()).toBe(1);
      }
    }
    // A snapshot from the server agrees with what the events built.
    await page.getByRole('button', { name: '새로고침' }).click();
    for (const n of tables) {
      const mine = placed.filter((o) => o.tableNumber === n);
      const card = tableCard(page, n);
      await expect.poll(() => text(card)).toContain(`주문 ${mine.length}건`);
      expect(await text(card)).toContain(won(mine.reduce((s, o) => s + o.totalAmount, 0)));
    }
  });
});
