// Issue 15 on the dashboard: the board after a reload (oldest pending order on its card, the note, the
// counts), the checkout warning, long names in the menu editor, toasts clear of the last row, and axe on
// every main screen.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, shot } from '../support/browser.js';
import { seriousViolations } from '../support/axe.js';
import type { ApiProcess } from '../../tests/support/api-server.js';
import {
  adminToken,
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  shortNo,
  tableCard,
  tableMenu,
  tableToken,
  text,
  waitLive,
  type Order,
  type TableMenu,
} from './helpers.js';

const LAPTOP = { width: 1366, height: 768 };
/** 31 characters without a space, as a real menu had. */
const LONG_NAME = '제주흑돼지오겹살숯불구이와된장찌개그리고계란찜을곁들인한상차림';

describe('dashboard polish (issue 15)', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let menu: TableMenu;
  let admin: string;
  let oldest: Order;

  beforeAll(async () => {
    ({ server, browser } = await setup());
    admin = await adminToken(server.baseUrl);
    const token = await tableToken(server.baseUrl, 1);
    menu = await tableMenu(server.baseUrl, token);
    const line = [{ menuItemId: itemId(menu, '김치찌개'), quantity: 1 }];
    // The oldest order stays pending; four newer ones are moved on (so it is not among the latest 3).
    oldest = await placeOrder(
      server.baseUrl,
      token,
      line,
      '아이 먹을 거라 안 맵게 해 주시고 앞접시 두 개 부탁드려요',
    );
    for (let i = 0; i < 4; i++) {
      const o = await placeOrder(server.baseUrl, token, line);
      const r = await api(server.baseUrl, admin, 'PATCH', `/api/v1/admin/orders/${o.id}`, {
        status: i % 2 === 0 ? 'completed' : 'preparing',
      });
      expect(r.status).toBe(200);
    }
    expect(LONG_NAME).toHaveLength(31);
    const category = menu.categories[0]!;
    const created = await api(server.baseUrl, admin, 'POST', '/api/v1/admin/menu-items', {
      categoryId: category.id,
      name: LONG_NAME,
      price: 123_000,
    });
    expect(created.status).toBe(201);
    ({ context, page } = await openAdmin(browser, server.baseUrl, LAPTOP));
    await loginUi(page);
    await waitLive(page);
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  it('after a reload, the board counts every pending order and shows the oldest one with its note', async () => {
    await page.reload();
    await waitLive(page);
    const card = tableCard(page, 1);
    expect(await card.getAttribute('class')).toContain('card--pending');
    expect(await text(card)).toContain('신규 1');
    expect(await text(page.locator('.toolbar__summary'))).toContain('대기 주문 1건');
    const row = card.getByRole('button', { name: new RegExp(`^주문 #${shortNo(oldest)}(?!\\d)`) });
    await expect(row.isVisible()).resolves.toBe(true);
    expect(await text(row)).toContain('대기중');
    // The note: a marker and its first words.
    expect(await text(row)).toContain('요청사항 아이 먹을 거라 안 맵게');
    await card.screenshot({ path: shot('polish-board-after-reload-card') });
    await page.screenshot({ path: shot('polish-board-after-reload') });
  });

  it('checkout warns about orders still pending or preparing', async () => {
    await tableCard(page, 1).getByRole('button', { name: '테이블 1 이용 완료' }).click();
    const confirm = page.getByRole('alertdialog', { name: '이용 완료' });
    expect(await text(confirm)).toContain('아직 끝나지 않은 주문이 있습니다: 대기중 1건, 준비중 2건.');
    await page.screenshot({ path: shot('polish-checkout-warning') });
    await confirm.getByRole('button', { name: '취소' }).click();
    await confirm.waitFor({ state: 'detached' });
  });

  it('Escape on the order drawer gives the focus back to its row', async () => {
    const row = tableCard(page, 1).getByRole('button', {
      name: new RegExp(`^주문 #${shortNo(oldest)}(?!\\d)`),
    });
    await row.focus();
    await page.keyboard.press('Enter');
    await page.locator('dialog.modal--drawer').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('dialog.modal--drawer').waitFor({ state: 'detached' });
    const focused = await page.evaluate('document.activeElement?.closest(".card__orders li")?.textContent');
    expect(focused).toBe(await row.textContent());
    expect(await page.evaluate('document.activeElement?.classList.contains("order-row")')).toBe(true);
  });

  it('has no serious or critical axe violations on the board', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the menu editor keeps a long name’s price on one line and its controls on screen; a toast never covers the last row', async () => {
    await page.getByRole('link', { name: '메뉴 관리' }).click();
    await page.getByRole('heading', { name: '메뉴 관리' }).waitFor();
    const row = page.getByRole('listitem', { name: LONG_NAME });
    await row.waitFor();
    await row.scrollIntoViewIfNeeded();
    const price = row.locator('.item-row__price');
    const box = await price.boundingBox();
    // One line: about one line-height tall (a wrapped price would be two).
    expect(box!.height).toBeLessThan(36);
    for (const control of await row.locator('button, input').all()) {
      const b = await control.boundingBox();
      if (!b) continue;
      expect(b.x + b.width).toBeLessThanOrEqual(LAPTOP.width);
    }
    await page.screenshot({ path: shot('polish-admin-long-name') });
    expect(await seriousViolations(page)).toEqual([]);

    // Moving the long item up shows a toast; scrolled to the end, the last row's switch and buttons are
    // clear of it.
    await row.getByRole('button', { name: `${LONG_NAME} 위로 이동` }).click();
    const toast = page.locator('.toast').first();
    await toast.waitFor();
    await page.mouse.wheel(0, 10_000);
    await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
    const t = (await toast.boundingBox())!;
    const last = page.locator('.item-row').last();
    for (const control of await last.locator('button, .switch').all()) {
      const b = await control.boundingBox();
      if (!b) continue;
      const overlaps =
        b.x < t.x + t.width && t.x < b.x + b.width && b.y < t.y + t.height && t.y < b.y + b.height;
      expect(overlaps).toBe(false);
    }
    await page.screenshot({ path: shot('polish-admin-toast') });
  });

  it('has no serious or critical axe violations on the tables, settings, accounts and login screens', async () => {
    for (const [link, heading] of [
      ['테이블 관리', '테이블 관리'],
      ['매장 설정', '매장 설정'],
      ['직원 계정', '직원 계정'],
    ] as const) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { name: heading }).first().waitFor();
      expect(await seriousViolations(page), link).toEqual([]);
    }
    const fresh = await openAdmin(browser, server.baseUrl, LAPTOP);
    await fresh.page.getByRole('button', { name: '로그인' }).waitFor();
    expect(await seriousViolations(fresh.page)).toEqual([]);
    await fresh.context.close();
  });
});
