// Menu options (SPEC 10) end to end: a guest orders a dish with a required and an optional option group,
// the board shows the options, and an option the owner marks sold out shows on the tablet at once.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { uploadMenuPhotos } from '../../tests/support/menu-photos.js';
import { loginUi, openAdmin, tableCard } from '../admin/helpers.js';
import { launchBrowser, shot } from '../support/browser.js';
import { photosInViewLoaded, setupTablet } from '../support/tablet.js';

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

/** Opens 떡볶이's sheet from its + button (a dish with options is added from its sheet). */
async function openTteokbokki(page: Page): Promise<Locator> {
  await page.getByRole('button', { name: '떡볶이 담기' }).click();
  const sheet = page.getByRole('dialog', { name: '떡볶이' });
  await sheet.waitFor();
  await sheet.locator('img.photo__img[data-loaded="true"]').waitFor();
  return sheet;
}

/** Scrolls the sheet back to its top (checking an option scrolled it), for the screenshot. */
async function scrollToTop(sheet: Locator): Promise<void> {
  for (const part of ['.dialog__body', '.item-dialog__info']) {
    await sheet.locator(part).evaluate((el) => {
      el.scrollTop = 0;
    });
  }
}

const cartPanel = (page: Page) => page.getByRole('complementary', { name: '장바구니' });

describe('menu options', () => {
  it('the item sheet in portrait: groups, 필수, the live price, 담기 waits for the required choice', async () => {
    const page = await newTablet(800, 1280, 2);
    const sheet = await openTteokbokki(page);
    const spicy = sheet.getByRole('group', { name: /맵기 선택/ });
    await spicy.getByText('필수').waitFor();
    await sheet
      .getByRole('group', { name: /사리 추가/ })
      .getByText('최대 3개')
      .waitFor();
    await sheet.getByRole('button', { name: '필수 옵션을 선택해 주세요' }).waitFor();
    expect(await sheet.getByRole('button', { name: '필수 옵션을 선택해 주세요' }).isDisabled()).toBe(true);
    await spicy.getByRole('radio', { name: /보통맛/ }).check();
    await sheet.getByRole('checkbox', { name: /떡사리/ }).check();
    await sheet.getByRole('button', { name: '1개 담기 · 7,000원' }).waitFor();
    await scrollToTop(sheet);
    await page.screenshot({ animations: 'disabled', path: shot('customer-item-options-800x1280') });
    await page.context().close();
  });

  it('a guest orders with a required and an optional group; the board shows the options', async () => {
    const page = await newTablet(1280, 800, 1);
    await photosInViewLoaded(page);
    const sheet = await openTteokbokki(page);
    await sheet.getByRole('radio', { name: /아주 매운맛/ }).check();
    await sheet.getByRole('checkbox', { name: /라면사리/ }).check();
    await sheet.getByRole('checkbox', { name: /치즈/ }).check();
    // The live unit price: 6,000 + 500 + 1,500 + 2,000.
    await sheet.getByText('10,000원', { exact: true }).waitFor();
    await sheet.getByRole('button', { name: '수량 늘리기' }).click();
    await sheet.getByRole('button', { name: '2개 담기 · 20,000원' }).waitFor();
    await scrollToTop(sheet);
    await page.screenshot({ animations: 'disabled', path: shot('customer-item-options-1280x800') });
    await sheet.getByRole('button', { name: '2개 담기 · 20,000원' }).click();

    // The same choices again merge into the line; other choices are a line of their own.
    const again = await openTteokbokki(page);
    await again.getByRole('radio', { name: /순한맛/ }).check();
    await again.getByRole('button', { name: '1개 담기 · 6,000원' }).click();
    const cart = cartPanel(page);
    const hot = cart
      .getByRole('listitem')
      .filter({ hasText: '아주 매운맛 (+500원), 라면사리 (+1,500원), 치즈 (+2,000원)' });
    await hot.getByRole('group', { name: '떡볶이 2개' }).waitFor();
    await cart
      .getByRole('listitem')
      .filter({ hasText: '순한맛' })
      .getByRole('group', { name: '떡볶이 1개' })
      .waitFor();
    await cart.getByText('26,000원', { exact: true }).waitFor();

    await cart.getByRole('button', { name: '주문하기', exact: true }).click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    await review.getByText('아주 매운맛 (+500원), 라면사리 (+1,500원), 치즈 (+2,000원)').waitFor();
    await review.getByRole('button', { name: '26,000원 주문하기' }).click();
    const success = page.getByRole('dialog', { name: '주문이 접수되었습니다' });
    await success.getByRole('list', { name: '주문한 메뉴' }).getByText('순한맛').waitFor();
    await success.getByRole('button', { name: '메뉴로 돌아가기' }).click();

    // My orders lists the lines with their options.
    await page.getByRole('button', { name: /주문내역/ }).click();
    const mine = page.getByRole('dialog', { name: '주문내역' });
    await mine.getByText('아주 매운맛 (+500원), 라면사리 (+1,500원), 치즈 (+2,000원)').waitFor();
    await mine.getByRole('button', { name: '닫기' }).click();

    // The board: the card names each line's options; the order detail lists them with their groups.
    const { context, page: board } = await openAdmin(browser, server.baseUrl);
    await loginUi(board);
    const card = tableCard(board, 1);
    const row = card.getByRole('button', { name: /주문 #/ }).first();
    await row.getByText('(아주 매운맛, 라면사리, 치즈)').waitFor();
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain(
      '떡볶이(아주 매운맛, 라면사리, 치즈) ×2, 떡볶이(순한맛) ×1',
    );
    await card.screenshot({ animations: 'disabled', path: shot('admin-board-card-options') });
    await row.click();
    const detail = board.getByRole('dialog', { name: /주문 상세/ });
    const options = detail.getByRole('list', { name: '옵션' }).first();
    await options.getByText('아주 매운맛 (+500원)').waitFor();
    await options.getByText('맵기 선택').waitFor();

    // The owner marks 떡사리 sold out on the option groups tab: the tablet shows it at once, and a cart
    // line that chose it is flagged and left out of the total.
    const add = await openTteokbokki(page);
    await add.getByRole('radio', { name: /보통맛/ }).check();
    await add.getByRole('checkbox', { name: /떡사리/ }).check();
    await add.getByRole('button', { name: '1개 담기 · 7,000원' }).click();
    await cart.getByText('7,000원', { exact: true }).first().waitFor();
    const sheetOpen = await openTteokbokki(page);

    await board.getByRole('button', { name: '닫기' }).first().click();
    await board.getByRole('link', { name: '메뉴 관리' }).click();
    await board.getByRole('tab', { name: '옵션 그룹' }).click();
    const soldOutSwitch = board.getByRole('switch', { name: '사리 추가 떡사리 품절' });
    await soldOutSwitch.click();
    await expect.poll(() => soldOutSwitch.isChecked()).toBe(true);

    await expect.poll(() => sheetOpen.getByRole('checkbox', { name: /떡사리/ }).isDisabled()).toBe(true);
    await sheetOpen
      .getByRole('group', { name: /사리 추가/ })
      .getByText('품절')
      .waitFor();
    await sheetOpen.getByRole('button', { name: '닫기' }).click();
    const flagged = cart.getByRole('listitem').filter({ hasText: '떡사리' });
    await flagged.getByText('품절').waitFor();
    await cart.getByText('0원', { exact: true }).waitFor();

    // The switch follows the saved list (shown at once, then confirmed): poll rather than check().
    await soldOutSwitch.click();
    await expect.poll(() => soldOutSwitch.isChecked()).toBe(false);
    await flagged.getByText('품절').waitFor({ state: 'detached' });
    await context.close();
    await page.context().close();
  });
});
