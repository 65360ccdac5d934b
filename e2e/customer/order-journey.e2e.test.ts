// The guest's main journey on a real server and Debian Chromium, at both tablet sizes.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot } from '../support/browser.js';
import { uploadMenuPhotos } from '../../tests/support/menu-photos.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import {
  Admin,
  appStorageKeys,
  photosInViewLoaded,
  setupTablet,
  smallTouchTargets,
} from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;
let admin: Admin;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  admin = new Admin(server.baseUrl);
  // Pictures through the real upload path: the cards' lazy thumbnails must load under the app's CSP.
  expect(await uploadMenuPhotos(server.baseUrl)).toBe(14);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

async function newTablet(width: number, height: number): Promise<Page> {
  // page.route() does not see requests that pass through a service worker: these tablets run without it
  // (reopen.e2e.test.ts covers the worker).
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

const LAYOUTS = [
  { name: 'landscape', width: 1280, height: 800, table: 1 },
  { name: 'portrait', width: 800, height: 1280, table: 2 },
] as const;

describe.each(LAYOUTS)('tablet journey ($name $width×$height)', ({ name, width, height, table }) => {
  const size = `${width}x${height}`;

  it('setup → menu → add → refresh keeps the cart → order → number and countdown → menu', async () => {
    const page = await newTablet(width, height);
    await setupTablet(page, server.baseUrl, table);
    await expect(page.getByRole('button', { name: '데모 식당' }).isVisible()).resolves.toBe(true);
    await expect(page.getByText(`테이블 ${table}`).isVisible()).resolves.toBe(true);

    // Category navigation jumps to a section and marks it current.
    expect(await smallTouchTargets(page)).toEqual([]);
    const nav = page.getByRole('navigation', { name: '메뉴 분류' });
    const current = (category: string) =>
      nav.getByRole('button', { name: category }).getAttribute('aria-current');
    await expect.poll(() => current('메인')).toBe('true');
    await nav.getByRole('button', { name: '음료' }).click();
    await expect.poll(() => current('음료')).toBe('true');
    await expect.poll(() => page.getByRole('heading', { name: '음료' }).isVisible()).toBe(true);
    // Scrolling the grid moves the marker along.
    await page.getByRole('heading', { name: '음료' }).hover();
    await page.mouse.wheel(0, -5000);
    await expect.poll(() => current('메인')).toBe('true');

    // Add: twice the same dish from the card, then a quantity from the detail sheet.
    await page.getByRole('button', { name: '김치찌개 담기' }).click();
    await page.getByRole('button', { name: '김치찌개 담기' }).click();
    await page.getByRole('button', { name: '제육볶음, 11,000원' }).click();
    const sheet = page.getByRole('dialog', { name: '제육볶음' });
    await sheet.getByRole('button', { name: '수량 늘리기' }).click();
    await sheet.getByRole('button', { name: '2개 담기 · 22,000원' }).click();
    await sheet.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '공기밥 담기' }).click();

    const openCart = async () => {
      if (name === 'portrait') {
        await page.getByRole('button', { name: /^장바구니 41,000원, 5개 보기$/ }).click();
        return page.getByRole('dialog', { name: /장바구니/ });
      }
      return page.getByRole('complementary', { name: '장바구니' });
    };
    await nav.getByRole('button', { name: '메인' }).click();
    await expect
      .poll(() =>
        page
          .getByRole('heading', { name: '메인' })
          .boundingBox()
          .then((b) => b?.y ?? -1),
      )
      .toBeLessThan(200);
    let cart = await openCart();
    await cart.getByRole('group', { name: '김치찌개 2개' }).waitFor();
    await cart.getByRole('group', { name: '제육볶음 2개' }).waitFor();
    expect(await smallTouchTargets(page)).toEqual([]);
    await expect(cart.getByText('41,000원').first().isVisible()).resolves.toBe(true);
    await photosInViewLoaded(page);
    await page.screenshot({
      animations: 'disabled',
      path: shot(`customer-${name === 'portrait' ? 'cart' : 'menu'}-${size}`),
    });

    // A refresh loses nothing.
    await page.reload();
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
    await photosInViewLoaded(page);
    if (name === 'portrait')
      await page.screenshot({ animations: 'disabled', path: shot(`customer-menu-${size}`) });
    cart = await openCart();
    await cart.getByRole('group', { name: '김치찌개 2개' }).waitFor();
    await cart.getByRole('group', { name: '공기밥 1개' }).waitFor();
    await cart.getByRole('button', { name: '공기밥 빼기' }).click();
    await cart.getByRole('group', { name: '공기밥 1개' }).waitFor({ state: 'detached' });

    // Review → confirm.
    await cart.getByRole('button', { name: '주문하기', exact: true }).click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    await review.getByLabel('요청사항 (선택)').fill('덜 맵게 해 주세요');
    if (name === 'landscape')
      await page.screenshot({ animations: 'disabled', path: shot(`customer-cart-${size}`) });
    await review.getByRole('button', { name: '40,000원 주문하기' }).click();

    const success = page.getByRole('dialog', { name: '주문이 접수되었습니다' });
    await success.waitFor();
    const [placed] = await admin.tableOrders(table);
    expect(placed).toBeDefined();
    await success.getByText(placed?.orderNumber ?? '?').waitFor();
    await success.getByRole('timer', { name: /초 후 메뉴로 돌아갑니다/ }).waitFor();
    // Animations allowed here: finishing them would empty the countdown ring in the picture.
    await page.waitForTimeout(1200);
    await page.screenshot({ path: shot(`customer-order-success-${size}`) });

    // The countdown returns to the menu by itself after 5 s, with the cart emptied.
    const started = Date.now();
    await success.waitFor({ state: 'detached', timeout: 10_000 });
    expect(Date.now() - started).toBeGreaterThan(2500);
    if (name === 'portrait') {
      await page.getByRole('button', { name: '장바구니 0원, 0개 보기' }).waitFor();
    } else {
      await page
        .getByRole('complementary', { name: '장바구니' })
        .getByText('장바구니가 비어 있습니다')
        .waitFor();
    }
    await expect(page.getByRole('button', { name: '주문하기', exact: true }).isDisabled()).resolves.toBe(
      true,
    );

    // My orders lists it with its lines, total and status.
    await page.getByRole('button', { name: '주문내역 1건' }).click();
    const orders = page.getByRole('dialog', { name: '주문내역' });
    const card = orders.getByRole('listitem', { name: `주문 ${placed?.orderNumber ?? ''}` });
    await card.getByText('대기중').waitFor();
    await expect(card.getByText('김치찌개').isVisible()).resolves.toBe(true);
    await expect(card.getByText('40,000원').isVisible()).resolves.toBe(true);
    await page.screenshot({ animations: 'disabled', path: shot(`customer-my-orders-${size}`) });
    await orders.getByRole('button', { name: '닫기' }).click();
    await page.context().close();
  });
});

describe('ordering details', () => {
  it('the success screen can be skipped at once', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 3);
    await page.getByRole('button', { name: '콜라 담기' }).click();
    await page.getByRole('button', { name: '주문하기', exact: true }).click();
    await page
      .getByRole('dialog', { name: '주문 확인' })
      .getByRole('button', { name: '2,000원 주문하기' })
      .click();
    const success = page.getByRole('dialog', { name: '주문이 접수되었습니다' });
    await success.getByRole('button', { name: '메뉴로 돌아가기' }).click();
    await success.waitFor({ state: 'detached', timeout: 1000 });
    await page.context().close();
  });

  it('answers lost three times: the order waits in the outbox and is resent with its key, once', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 4);
    const keys: string[] = [];
    let dropped = 0;
    // The server places the order, but the tablet never hears back (three times): a flaky Wi-Fi.
    await page.route('**/api/v1/table/orders', async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key'] ?? '');
      if (dropped < 3) {
        dropped++;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.getByRole('button', { name: '식혜 담기' }).click();
    await page.getByRole('button', { name: '주문하기', exact: true }).click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    await review.getByRole('button', { name: '3,000원 주문하기' }).click();
    // No answer: the order went to the outbox (the cart is empty) and the outbox sends it again by itself.
    await page.getByRole('dialog', { name: '주문내역' }).waitFor();
    await page.getByText(/대기 중이던 주문이 접수되었습니다/).waitFor({ timeout: 15_000 });

    expect(keys.length).toBe(4);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await admin.tableOrders(4)).toHaveLength(1);
    await page.context().close();
  });

  it('staff can reset the device from the hidden settings, protected by the table password', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 5);
    await page.getByRole('button', { name: '계란말이 담기' }).click();
    const storeName = page.getByRole('button', { name: '데모 식당' });
    for (let i = 0; i < 5; i++) await storeName.click();
    const settings = page.getByRole('dialog', { name: '기기 설정' });
    await settings.getByLabel('테이블 비밀번호').fill('0000');
    await settings.getByRole('button', { name: '확인' }).click();
    await settings.getByRole('alert').getByText('비밀번호가 올바르지 않습니다.').waitFor();
    await settings.getByLabel('테이블 비밀번호').fill('1234');
    await settings.getByRole('button', { name: '확인' }).click();
    await settings.getByRole('button', { name: '기기 초기화' }).click();
    await page
      .getByRole('alertdialog', { name: '이 태블릿을 초기화할까요?' })
      .getByRole('button', { name: '초기화' })
      .click();
    await page.getByRole('heading', { name: '태블릿 설정' }).waitFor();
    expect(await appStorageKeys(page)).toEqual([]);
    await page.context().close();
  });

  it('switches to English and back', async () => {
    const page = await newTablet(1280, 800);
    await setupTablet(page, server.baseUrl, 6);
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Kimchi stew, ₩9,000' }).waitFor();
    await page.getByRole('complementary', { name: 'Cart' }).getByText('Your cart is empty').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    await page.getByRole('complementary', { name: '장바구니' }).waitFor();
    await page.context().close();
  });
});
