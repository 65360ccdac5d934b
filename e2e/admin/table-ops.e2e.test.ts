// Table operations (SPEC 12) with two live tablets: a party moves to an idle table, another table's
// party is merged into it, and staff cancel part of an order; both tablets follow live.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../tests/support/api-server.js';
import { shot } from '../support/browser.js';
import { setupTablet } from '../support/tablet.js';
import {
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
  won,
  TABLET,
  type Order,
  type TableMenu,
} from './helpers.js';

describe('move, merge and partial cancel with two live tablets', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let menu: TableMenu;
  const tablets = new Map<number, Page>();
  let first: Order;

  const order = async (table: number, lines: [string, number][]): Promise<Order> =>
    placeOrder(
      server.baseUrl,
      await tableToken(server.baseUrl, table),
      lines.map(([name, quantity]) => ({ menuItemId: itemId(menu, name), quantity })),
    );
  const openTablet = async (table: number) => {
    const ctx = await browser.newContext({ viewport: TABLET, locale: 'ko-KR', timezoneId: 'Asia/Seoul' });
    const tab = await ctx.newPage();
    await setupTablet(tab, server.baseUrl, table);
    tablets.set(table, tab);
    return tab;
  };
  /** The tablet's "my orders" sheet, opened. */
  const ordersSheet = async (tab: Page) => {
    await tab.getByRole('button', { name: /^주문내역/ }).click();
    const sheet = tab.getByRole('dialog', { name: '주문내역' });
    await sheet.waitFor();
    return sheet;
  };
  const closeSheet = async (tab: Page) => {
    await tab.keyboard.press('Escape');
    await tab.getByRole('dialog', { name: '주문내역' }).waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    ({ server, browser } = await setup());
    menu = await tableMenu(server.baseUrl, await tableToken(server.baseUrl, 1));
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await waitLive(page);
    await openTablet(2);
    await openTablet(4);
  });
  afterAll(async () => {
    for (const tab of tablets.values()) await tab.context().close();
    await context.close();
    await browser.close();
    await server.dispose();
  });

  it('moves table 2 to the idle table 4: the source tablet empties with a message, the target shows the orders', async () => {
    first = await order(2, [
      ['김치찌개', 2],
      ['공기밥', 1],
    ]);
    const source = tablets.get(2)!;
    const target = tablets.get(4)!;
    await source.getByRole('button', { name: '주문내역 1건' }).waitFor({ timeout: 5000 });
    await tableCard(page, 2).getByText(won(19_000)).waitFor();

    await page.getByRole('button', { name: '테이블 이동: 테이블 2' }).click();
    const picker = page.getByRole('dialog', { name: '테이블 2 이동' });
    await picker.waitFor();
    // Only idle tables are offered (table 2 itself is not).
    const offered = await picker.locator('.table-picker button strong').allInnerTexts();
    expect(offered).toEqual([
      '테이블 1',
      '테이블 3',
      '테이블 4',
      '테이블 5',
      '테이블 6',
      '테이블 7',
      '테이블 8',
      '테이블 9',
      '테이블 10',
    ]);
    await page.screenshot({ animations: 'disabled', path: shot('admin-table-move-picker') });
    await picker.getByRole('button', { name: '테이블 4', exact: true }).click();
    expect(await text(picker)).toContain('테이블 2의 주문 1건(19,000원)을 테이블 4(으)로 이동할까요?');
    await picker.getByRole('button', { name: '이동', exact: true }).click();
    await picker.waitFor({ state: 'detached' });

    await tableCard(page, 4).getByText(won(19_000)).waitFor({ timeout: 5000 });
    expect(await text(tableCard(page, 2))).toContain('빈 테이블');

    await source.getByText('주문이 테이블 4으로 이동되었습니다').waitFor({ timeout: 5000 });
    await source.screenshot({ animations: 'disabled', path: shot('customer-table-moved-away-1280x800') });
    const empty = await ordersSheet(source);
    await empty.getByText('아직 주문한 메뉴가 없습니다').waitFor();
    await closeSheet(source);

    await target.getByRole('button', { name: '주문내역 1건' }).waitFor({ timeout: 5000 });
    const sheet = await ordersSheet(target);
    await sheet.getByRole('listitem', { name: `주문 ${first.orderNumber}` }).waitFor();
    expect(await text(sheet)).toContain(won(19_000));
    await target.screenshot({ animations: 'disabled', path: shot('customer-table-moved-in-1280x800') });
    await closeSheet(target);
  });

  it('merges table 6 into table 4: the picker offers busy tables, the tablet at 4 shows both parties', async () => {
    const joined = await order(6, [['맥주', 2]]);
    await tableCard(page, 6).getByText(won(10_000)).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: '테이블 4 합석' }).click();
    const picker = page.getByRole('dialog', { name: '테이블 4 합석' });
    await picker.waitFor();
    expect(await picker.locator('.table-picker button strong').allInnerTexts()).toEqual(['테이블 6']);
    await picker.getByRole('button', { name: /^테이블 6/ }).click();
    expect(await text(picker)).toContain('테이블 6의 주문 1건(10,000원)을 테이블 4에 합칠까요?');
    await picker.getByRole('button', { name: '합석', exact: true }).click();
    await picker.waitFor({ state: 'detached' });

    await tableCard(page, 4).getByText(won(29_000)).waitFor({ timeout: 5000 });
    expect(await text(tableCard(page, 6))).toContain('빈 테이블');
    await page.screenshot({ animations: 'disabled', path: shot('admin-table-merged') });

    const target = tablets.get(4)!;
    await target.getByRole('button', { name: '주문내역 2건' }).waitFor({ timeout: 5000 });
    const sheet = await ordersSheet(target);
    await sheet.getByRole('listitem', { name: `주문 ${joined.orderNumber}` }).waitFor();
    expect(await text(sheet)).toContain(won(29_000));
    await closeSheet(target);
  });

  it('cancels one 김치찌개 with −/+: the board, the struck-through quantity and the tablet follow', async () => {
    await tableCard(page, 4)
      .getByRole('button', { name: new RegExp(`주문 #${shortNo(first)}`) })
      .click();
    const drawer = page.getByRole('dialog', { name: `주문 상세 #${shortNo(first)}` });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: `주문 #${shortNo(first)} 부분 취소` }).click();
    const dialog = page.getByRole('dialog', { name: `주문 #${shortNo(first)} 부분 취소` });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: '김치찌개 취소 수량 늘리기' }).click();
    expect(await text(dialog)).toContain('김치찌개 1 취소 · 테이블 합계에서 9,000원 차감');
    await page.screenshot({ animations: 'disabled', path: shot('admin-partial-cancel') });
    await dialog.getByRole('button', { name: '취소 확정' }).click();
    const sure = page.getByRole('alertdialog');
    await sure.waitFor();
    expect(await text(sure)).toContain('김치찌개 1 취소 · 테이블 합계에서 9,000원 차감');
    await sure.getByRole('button', { name: '취소 확정' }).click();
    await dialog.waitFor({ state: 'detached' });

    await drawer.locator('del', { hasText: '취소 1' }).waitFor({ timeout: 5000 });
    expect(await text(drawer)).toContain(won(10_000));
    await page.screenshot({ animations: 'disabled', path: shot('admin-partial-cancel-struck') });
    await tableCard(page, 4).getByText(won(20_000)).waitFor({ timeout: 5000 });

    const target = tablets.get(4)!;
    const sheet = await ordersSheet(target);
    const card = sheet.getByRole('listitem', { name: `주문 ${first.orderNumber}` });
    await card.getByText('직원이 이 주문을 수정했습니다').waitFor({ timeout: 5000 });
    expect(await text(card)).toContain('× 1');
    expect(await text(card)).toContain(won(10_000));
    expect(await text(sheet)).toContain(won(20_000));
    await target.screenshot({ animations: 'disabled', path: shot('customer-order-amended-1280x800') });
  });
});
