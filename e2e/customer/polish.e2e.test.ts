// Issue 15 on the tablet: a 31-character name in the cart and the review at both sizes, one menu read
// per load, the connection banner clear of the store name and the cart header, English status words and
// the store's language after checkout, and axe on every main screen.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, launchBrowser, shot } from '../support/browser.js';
import { seriousViolations } from '../support/axe.js';
import { DEMO, startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { adminLogin } from '../../tests/support/http.js';
import { Admin, setupTablet } from '../support/tablet.js';

/** 31 characters without a space, as a real menu had. */
const LONG_NAME = '제주흑돼지오겹살숯불구이와된장찌개그리고계란찜을곁들인한상차림';

let server: ApiProcess;
let browser: Browser;
let admin: Admin;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  admin = new Admin(server.baseUrl);
  const token = await adminLogin(server.baseUrl, DEMO.store, DEMO.admin, DEMO.adminPassword);
  const { items } = (
    await api<{ items: { id: number }[] }>(server.baseUrl, token, 'GET', '/api/v1/admin/categories')
  ).body;
  expect(LONG_NAME).toHaveLength(31);
  const created = await api(server.baseUrl, token, 'POST', '/api/v1/admin/menu-items', {
    categoryId: items[0]!.id,
    name: LONG_NAME,
    price: 123_000,
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

async function newTablet(width: number, height: number): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width, height },
    locale: 'ko-KR',
    serviceWorkers: 'block',
  });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  return page;
}

/** Every button of `scope` lies inside the viewport (none pushed off to the right). */
async function buttonsOnScreen(page: Page, scope: ReturnType<Page['locator']>): Promise<string[]> {
  const width = page.viewportSize()!.width;
  const off: string[] = [];
  for (const b of await scope.getByRole('button').all()) {
    const box = await b.boundingBox();
    if (box && (box.x < 0 || box.x + box.width > width))
      off.push(`${(await b.getAttribute('aria-label')) ?? ''} at ${box.x + box.width}`);
  }
  return off;
}

const LAYOUTS = [
  { name: 'landscape', width: 1280, height: 800, table: 7 },
  { name: 'portrait', width: 800, height: 1280, table: 8 },
] as const;

describe.each(LAYOUTS)('tablet polish ($name $width×$height)', ({ name, width, height, table }) => {
  it('keeps a 31-character name’s controls on screen in the cart and the review, at any quantity', async () => {
    const page = await newTablet(width, height);
    await setupTablet(page, server.baseUrl, table);
    expect(await seriousViolations(page), 'menu').toEqual([]);
    await page.getByRole('button', { name: `${LONG_NAME} 담기` }).click();
    await page.getByRole('button', { name: '김치찌개 담기' }).click();
    let cart = page.getByRole('complementary', { name: '장바구니' });
    if (name === 'portrait') {
      await page.getByRole('button', { name: /^장바구니 .*보기$/ }).click();
      cart = page.getByRole('dialog', { name: /^장바구니/ });
    }
    const line = cart.getByRole('listitem').filter({ hasText: LONG_NAME });
    for (let q = 1; q < 12; q++) await line.getByRole('button', { name: `${LONG_NAME} 수량 늘리기` }).click();
    await line.getByRole('group', { name: `${LONG_NAME} 12개` }).waitFor();
    expect(await buttonsOnScreen(page, line)).toEqual([]);
    expect(await seriousViolations(page), 'cart').toEqual([]);
    await page.screenshot({ path: shot(`polish-cart-long-name-${name}-${width}x${height}`) });

    await cart.getByRole('button', { name: '주문하기' }).click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    await review.waitFor();
    const row = review.getByRole('listitem').filter({ hasText: LONG_NAME });
    const panel = (await review.locator('.dialog__panel').boundingBox())!;
    const subtotal = (await row.locator('.review__subtotal').boundingBox())!;
    expect(subtotal.x + subtotal.width).toBeLessThanOrEqual(panel.x + panel.width);
    expect(subtotal.x + subtotal.width).toBeLessThanOrEqual(width);
    expect(await buttonsOnScreen(page, review)).toEqual([]);
    expect(await seriousViolations(page), 'review').toEqual([]);
    await page.screenshot({ path: shot(`polish-review-long-name-${name}-${width}x${height}`) });
    await page.context().close();
  });
});

describe('tablet polish', () => {
  it('reads the menu once per load', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 9);
    const reads: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/v1/table/menu') reads.push(r.url());
    });
    await page.reload();
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
    // Long enough for the live stream to open (it used to cancel the first read and send another).
    await page.waitForTimeout(1500);
    expect(reads).toHaveLength(1);
    await page.context().close();
  });

  it('the connection banner covers neither the store name nor the cart header', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 10);
    await page.route('**/api/v1/table/events', (route) => route.abort());
    await page.reload();
    const banner = page.locator('.banner[data-visible]');
    await banner.waitFor({ timeout: 15_000 });
    const b = (await banner.boundingBox())!;
    for (const target of [
      page.getByRole('button', { name: '데모 식당' }),
      page.getByRole('complementary', { name: '장바구니' }).getByRole('heading'),
    ]) {
      const t = (await target.boundingBox())!;
      expect(t.y).toBeGreaterThanOrEqual(b.y + b.height);
    }
    await page.screenshot({ path: shot('polish-connection-banner') });
    await page.context().close();
  });

  it('says Pending in English, and returns to the store’s language after checkout', async () => {
    const page = await newTablet(1280, 800);
    await page.goto(`${server.baseUrl}/`);
    expect(await seriousViolations(page), 'setup').toEqual([]);
    await setupTablet(page, server.baseUrl, 5);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Add Kimchi stew' }).click();
    await page.getByRole('complementary', { name: 'Cart' }).getByRole('button', { name: 'Order' }).click();
    await page
      .getByRole('dialog', { name: 'Review your order' })
      .getByRole('button', { name: /^Order for/ })
      .click();
    await page.getByRole('button', { name: 'Back to the menu' }).click();
    await page.getByRole('button', { name: /^My orders/ }).click();
    const orders = page.getByRole('dialog', { name: 'My orders' });
    await orders.getByText('Pending').waitFor();
    expect(await seriousViolations(page), 'my orders').toEqual([]);
    await orders.getByRole('button', { name: 'Close' }).click();
    const ordersButton = page.getByRole('button', { name: /^My orders/ });
    const box = (await ordersButton.boundingBox())!;
    expect(box.height).toBeLessThan(70);

    await admin.checkout(5);
    await expect.poll(() => page.locator('html').getAttribute('lang'), { timeout: 10_000 }).toBe('ko');
    await page.getByRole('complementary', { name: '장바구니' }).waitFor();
    await page.context().close();
  });
});
