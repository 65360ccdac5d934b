// What changes on the tablet without a reload: refusals for sold-out dishes, order status, checkout,
// menu changes, the connection banner, and a rejected token.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot } from '../support/browser.js';
import { uploadMenuPhotos } from '../../tests/support/menu-photos.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import {
  Admin,
  clearInterruptions,
  interruptions,
  photosInViewLoaded,
  setupTablet,
  watchForInterruptions,
} from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;
let admin: Admin;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  admin = new Admin(server.baseUrl);
  await uploadMenuPhotos(server.baseUrl);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

async function tablet(table: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await watchForInterruptions(page);
  await setupTablet(page, server.baseUrl, table);
  await clearInterruptions(page);
  return page;
}

const cartPanel = (page: Page) => page.getByRole('complementary', { name: '장바구니' });

async function order(page: Page, confirmLabel: RegExp | string): Promise<void> {
  await cartPanel(page).getByRole('button', { name: '주문하기', exact: true }).click();
  await page.getByRole('dialog', { name: '주문 확인' }).getByRole('button', { name: confirmLabel }).click();
}

describe('live tablet', () => {
  it('an order refused for a sold-out dish keeps the cart and names the dish', async () => {
    const page = await tablet(1);
    await page.getByRole('button', { name: '불고기 담기' }).click();
    await page.getByRole('button', { name: '맥주 담기' }).click();
    await page.getByRole('button', { name: '맥주 담기' }).click();
    // Open the review before the dish goes sold out, so the order reaches the server.
    await cartPanel(page).getByRole('button', { name: '주문하기', exact: true }).click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    await review.waitFor();
    await admin.setSoldOut('불고기', true);
    await review.getByRole('button', { name: /주문하기$/ }).click();

    const alert = review.getByRole('alert');
    await alert.getByText(/주문하지 못했습니다.*불고기\(품절\)/).waitFor();
    await page.screenshot({ animations: 'disabled', path: shot('customer-order-refused-1280x800') });
    expect(await admin.tableOrders(1)).toHaveLength(0);

    // The cart is kept, with the dish flagged; taking it out lets the order go.
    await review.getByRole('button', { name: '주문할 수 없는 메뉴 빼기' }).click();
    await review.getByRole('button', { name: '10,000원 주문하기' }).click();
    await page
      .getByRole('dialog', { name: '주문이 접수되었습니다' })
      .getByRole('button', { name: '메뉴로 돌아가기' })
      .click();
    expect(await admin.tableOrders(1)).toHaveLength(1);

    // The menu followed the change live: the card is marked and has no add button.
    await page.getByRole('button', { name: '불고기, 13,000원, 품절' }).waitFor();
    expect(await page.getByRole('button', { name: '불고기 담기' }).count()).toBe(0);
    await admin.setSoldOut('불고기', false);
    await page.getByRole('button', { name: '불고기 담기' }).waitFor();
    await page.context().close();
  });

  it('shows a sold-out flag on a cart line as soon as the dish goes sold out', async () => {
    const page = await tablet(2);
    await page.getByRole('button', { name: '해물파전 담기' }).click();
    await admin.setSoldOut('해물파전', true);
    const line = cartPanel(page).getByRole('listitem').filter({ hasText: '해물파전' });
    await line.getByText('품절').waitFor();
    await admin.setSoldOut('해물파전', false);
    await line.getByText('품절').waitFor({ state: 'detached' });
    await page.context().close();
  });

  it('a status changed by the store appears on the tablet without a reload', async () => {
    const page = await tablet(3);
    await page.getByRole('button', { name: '된장찌개 담기' }).click();
    await order(page, '8,500원 주문하기');
    await page
      .getByRole('dialog', { name: '주문이 접수되었습니다' })
      .getByRole('button', { name: '메뉴로 돌아가기' })
      .click();
    await page.getByRole('button', { name: '계란말이 담기' }).click();
    await order(page, '7,000원 주문하기');
    await page
      .getByRole('dialog', { name: '주문이 접수되었습니다' })
      .getByRole('button', { name: '메뉴로 돌아가기' })
      .click();

    await page.getByRole('button', { name: '주문내역 2건' }).click();
    const sheet = page.getByRole('dialog', { name: '주문내역' });
    const [newest, oldest] = await admin.tableOrders(3);
    if (!newest || !oldest) throw new Error('two orders expected');
    const chip = (o: { orderNumber: string }) =>
      sheet.getByRole('listitem', { name: `주문 ${o.orderNumber}` }).locator('[data-status]');
    // Newest first.
    const titles = await sheet
      .getByRole('listitem')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).filter(Boolean));
    expect(titles).toEqual([`주문 ${newest.orderNumber}`, `주문 ${oldest.orderNumber}`]);

    await admin.setStatus(oldest.id, 'preparing');
    await expect.poll(() => chip(oldest).textContent(), { timeout: 5000 }).toBe('준비중');
    await admin.setStatus(newest.id, 'completed');
    await expect.poll(() => chip(newest).textContent(), { timeout: 5000 }).toBe('완료');
    await page.screenshot({ animations: 'disabled', path: shot('customer-my-orders-live-1280x800') });
    expect(await chip(oldest).getAttribute('data-status')).toBe('preparing');
    await page.context().close();
  });

  it('checkout by the store clears the orders and the cart on the tablet', async () => {
    const page = await tablet(4);
    await page.getByRole('button', { name: '소주 담기' }).click();
    await order(page, '5,000원 주문하기');
    await page
      .getByRole('dialog', { name: '주문이 접수되었습니다' })
      .getByRole('button', { name: '메뉴로 돌아가기' })
      .click();
    // The next round is in the cart when the party leaves.
    await page.getByRole('button', { name: '맥주 담기' }).click();
    await page.getByRole('button', { name: '주문내역 1건' }).waitFor();

    await admin.checkout(4);
    await cartPanel(page).getByText('장바구니가 비어 있습니다').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: '주문내역', exact: true }).click();
    await page.getByRole('dialog', { name: '주문내역' }).getByText('아직 주문한 메뉴가 없습니다').waitFor();
    // Also after a reload.
    await page.reload();
    await page.getByRole('button', { name: '주문내역', exact: true }).waitFor();
    await cartPanel(page).getByText('장바구니가 비어 있습니다').waitFor();
    await page.context().close();
  });

  it('a rejected token is renewed silently: the guest never sees a login', async () => {
    const page = await tablet(5);
    let logins = 0;
    page.on('request', (r) => {
      if (/\/api\/v1\/auth\/table\/(login|refresh)$/.test(r.url())) logins++;
    });
    // Corrupt the saved token, then reload: every call is refused with 401 until the app logs in again.
    await page.evaluate(`{
      const s = JSON.parse(localStorage.getItem('table-order:session'));
      s.accessToken = 'not-a-token';
      localStorage.setItem('table-order:session', JSON.stringify(s));
    }`);
    await page.reload();
    await page.getByRole('button', { name: '사이다 담기' }).click();
    await order(page, '2,000원 주문하기');
    await page.getByRole('dialog', { name: '주문이 접수되었습니다' }).waitFor();
    expect(logins).toBe(1);
    expect(await interruptions(page)).toEqual({ banner: false, setup: false });
    await page.context().close();
  });

  it('shows the connection banner while the server is down and clears it by itself', async () => {
    const page = await tablet(6);
    const banner = page.getByRole('status').filter({ hasText: '연결이 끊겼습니다. 다시 연결하는 중…' });
    await photosInViewLoaded(page);
    await server.kill('SIGTERM');
    await banner.waitFor({ timeout: 10_000 });
    await page.screenshot({ animations: 'disabled', path: shot('customer-connection-banner-1280x800') });
    await server.start();
    await banner.waitFor({ state: 'hidden', timeout: 30_000 });
    // The stream is back: live changes arrive again.
    await admin.setSoldOut('콜라', true);
    await page.getByRole('button', { name: '콜라, 2,000원, 품절' }).waitFor({ timeout: 5000 });
    await admin.setSoldOut('콜라', false);
    await page.context().close();
  });
});
