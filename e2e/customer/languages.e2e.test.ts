// Menu in several languages (SPEC 14) end to end: the tablet in each of its four languages (the demo
// menu is translated into all of them), a guest who switches to 日本語 and orders, My orders in Japanese,
// the board in Korean (order snapshots keep the Korean names), and back to Korean after checkout.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { uploadMenuPhotos } from '../../tests/support/menu-photos.js';
import { loginUi, openAdmin, tableCard } from '../admin/helpers.js';
import { launchBrowser, shot } from '../support/browser.js';
import { Admin, photosInViewLoaded, setupTablet } from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  await uploadMenuPhotos(server.baseUrl);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

async function newTablet(width: number, height: number, table: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await setupTablet(page, server.baseUrl, table);
  return page;
}

/**
 * True when each of `chars` draws as its own glyph in the page's font: missing glyphs ("tofu") all draw
 * the same box, so two different characters with the same pixels mean the font lacks them.
 */
function glyphsDiffer(page: Page, chars: string[]): Promise<boolean> {
  return page.evaluate(`(() => {
    const chars = ${JSON.stringify(chars)};
    const font = getComputedStyle(document.body).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 64;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    const draw = (c) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.font = '48px ' + font;
      ctx.fillText(c, 4, 52);
      return ctx.getImageData(0, 0, 64, 64).data.join(',');
    };
    const seen = new Set(chars.map(draw));
    return seen.size === chars.length;
  })()`);
}

const LANGUAGES = [
  { button: '한국어', lang: 'ko', dish: '김치찌개, 9,000원', category: '메인', cart: '장바구니' },
  { button: 'English', lang: 'en', dish: 'Kimchi stew, ₩9,000', category: 'Mains', cart: 'Cart' },
  { button: '日本語', lang: 'ja', dish: 'キムチチゲ、₩9,000', category: 'メイン', cart: 'カート' },
  { button: '中文', lang: 'zh', dish: '泡菜汤，₩9,000', category: '主菜', cart: '购物车' },
] as const;

describe('the tablet in four languages', () => {
  it('shows the UI and the menu in each language, with CJK glyphs (no tofu); a screenshot of each', async () => {
    const page = await newTablet(1280, 800, 5);
    await photosInViewLoaded(page);
    for (const l of LANGUAGES) {
      await page.getByRole('button', { name: l.button, exact: true }).click();
      await page.getByRole('button', { name: l.dish }).waitFor();
      await page.getByRole('complementary', { name: l.cart }).waitFor();
      await page.getByRole('navigation').getByText(l.category, { exact: true }).first().waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe(l.lang);
      expect(
        await page.getByRole('button', { name: l.button, exact: true }).getAttribute('aria-pressed'),
      ).toBe('true');
      await photosInViewLoaded(page);
      await page.screenshot({ animations: 'disabled', path: shot(`customer-menu-${l.lang}-1280x800`) });
    }
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.getByRole('button', { name: 'キムチチゲ、₩9,000' }).waitFor();
    expect(await glyphsDiffer(page, ['キ', 'ム', 'チ', '辛', '注'])).toBe(true);
    await page.getByRole('button', { name: '中文', exact: true }).click();
    await page.getByRole('button', { name: '泡菜汤，₩9,000' }).waitFor();
    expect(await glyphsDiffer(page, ['泡', '菜', '汤', '购', '饮'])).toBe(true);
    await page.getByRole('button', { name: '한국어', exact: true }).click();
    await page.getByRole('button', { name: '김치찌개, 9,000원' }).waitFor();
    await page.context().close();
  });

  it('fits the four-language switch in the portrait header', async () => {
    const page = await newTablet(800, 1280, 6);
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.getByRole('button', { name: 'キムチチゲ、₩9,000' }).waitFor();
    await photosInViewLoaded(page);
    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.screenshot({ animations: 'disabled', path: shot('customer-menu-ja-800x1280') });
    await page.context().close();
  });

  it('a guest switches to 日本語 and orders; the board shows Korean names; checkout returns to Korean', async () => {
    const page = await newTablet(1280, 800, 3);
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.getByRole('button', { name: 'キムチチゲ、₩9,000' }).waitFor();
    await page.getByRole('button', { name: 'キムチチゲを追加' }).click();
    const cart = page.getByRole('complementary', { name: 'カート' });
    await cart.getByText('キムチチゲ').first().waitFor();
    await cart.getByRole('button', { name: '注文する', exact: true }).click();
    const review = page.getByRole('dialog', { name: '注文の確認' });
    await review.getByText('キムチチゲ').first().waitFor();
    await review.getByRole('button', { name: '₩9,000を注文する' }).click();
    const success = page.getByRole('dialog', { name: 'ご注文を承りました' });
    await success.getByText('キムチチゲ').waitFor();
    await success.getByRole('button', { name: 'メニューに戻る' }).click();

    // My orders: the line in Japanese (the dish is still on the menu), status in Japanese.
    await page.getByRole('button', { name: /注文履歴/ }).click();
    const mine = page.getByRole('dialog', { name: '注文履歴' });
    await mine.getByText('キムチチゲ').waitFor();
    await mine.getByText('受付待ち').waitFor();
    expect(await mine.getByText('김치찌개').count()).toBe(0);
    await page.screenshot({ animations: 'disabled', path: shot('customer-my-orders-ja-1280x800') });
    await mine.getByRole('button', { name: '閉じる' }).click();

    // The board reads Korean: the order kept the Korean name.
    const { context, page: board } = await openAdmin(browser, server.baseUrl);
    await loginUi(board);
    const row = tableCard(board, 3)
      .getByRole('button', { name: /주문 #/ })
      .first();
    await row.getByText(/김치찌개/).waitFor();
    expect(await row.innerText()).not.toContain('キムチチゲ');
    await context.close();

    // Checkout: the next party starts in the store's default language.
    await new Admin(server.baseUrl).checkout(3);
    await page.getByRole('button', { name: '김치찌개, 9,000원' }).waitFor();
    await page.getByRole('complementary', { name: '장바구니' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    await page.context().close();
  });
});
