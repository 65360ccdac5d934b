// Sales (SPEC 13): an owner opens 매출, sees today's takings (totals, charts, rankings), switches
// presets, downloads the CSV and the file reads back as UTF-8 with the Korean header, menu names and
// statuses Excel shows; a staff account gets no 매출 link. Screenshot: admin-sales.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../tests/support/api-server.js';
import { seriousViolations } from '../support/axe.js';
import { api, shot } from '../support/browser.js';
import {
  adminToken,
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  tableMenu,
  tableToken,
  text,
  won,
} from './helpers.js';

describe('sales page', () => {
  let server: ApiProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await setup());
    const t1 = await tableToken(server.baseUrl, 1);
    const t2 = await tableToken(server.baseUrl, 2);
    const t3 = await tableToken(server.baseUrl, 3);
    const menu = await tableMenu(server.baseUrl, t1);
    const id = (name: string) => itemId(menu, name);
    // Table 1: 김치찌개 2 + 공기밥 2 = 20,000원; table 2: 제육볶음 + 계란말이 = 18,000원.
    await placeOrder(server.baseUrl, t1, [
      { menuItemId: id('김치찌개'), quantity: 2 },
      { menuItemId: id('공기밥'), quantity: 2 },
    ]);
    await placeOrder(server.baseUrl, t2, [
      { menuItemId: id('제육볶음'), quantity: 1 },
      { menuItemId: id('계란말이'), quantity: 1 },
    ]);
    // Table 3's 불고기 is deleted by staff: 13,000원 cancelled, out of the revenue.
    const bulgogi = await placeOrder(server.baseUrl, t3, [{ menuItemId: id('불고기'), quantity: 1 }]);
    const admin = await adminToken(server.baseUrl);
    const del = await api(server.baseUrl, admin, 'DELETE', `/api/v1/admin/orders/${bulgogi.id}`);
    expect(del.status).toBe(200);
    ({ page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  const total = (label: string) => page.locator('.sales__total').filter({ hasText: label }).locator('dd');
  const preset = (name: string) => page.getByRole('group', { name: '기간' }).getByRole('button', { name });

  it("opens from the navigation on today's takings", async () => {
    await page.getByRole('link', { name: '매출' }).click();
    await page.getByRole('heading', { name: /^매출/, level: 1 }).waitFor();
    await total('매출')
      .filter({ hasText: won(38000) })
      .waitFor();
    expect(await preset('오늘').getAttribute('aria-pressed')).toBe('true');
    expect(await text(total('주문 수'))).toBe('2건');
    expect(await text(total('이용당 평균'))).toBe(`${won(19000)} 테이블 이용 2회`);
    expect(await text(total('취소·삭제 금액'))).toBe(won(13000));
    const items = page.getByRole('table', { name: '메뉴 순위' });
    expect(await items.getByRole('rowheader').allInnerTexts()).toEqual([
      '김치찌개',
      '제육볶음',
      '계란말이',
      '공기밥',
    ]);
    const tables = page.getByRole('table', { name: '테이블 순위' });
    expect(await tables.getByRole('rowheader').allInnerTexts()).toEqual(['테이블 1', '테이블 2']);
    // Two charts drawn on canvases, each with a label that says what it shows.
    expect(await page.getByRole('img', { name: /^일별 매출 막대 차트/ }).count()).toBe(1);
    expect(
      await page
        .getByRole('img', { name: /^시간대별 매출 막대 차트, 가장 많은 시간 \d+시 38,000원/ })
        .count(),
    ).toBe(1);
    await page.screenshot({ path: shot('admin-sales'), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('switches presets: yesterday is empty, this week and this month hold today', async () => {
    await preset('어제').click();
    await page.getByText('이 기간에는 매출이 없습니다.', { exact: false }).waitFor();
    expect(await text(total('매출'))).toBe(won(0));
    expect(await preset('어제').getAttribute('aria-pressed')).toBe('true');
    expect(await preset('오늘').getAttribute('aria-pressed')).toBe('false');
    await preset('이번 주').click();
    await total('매출')
      .filter({ hasText: won(38000) })
      .waitFor();
    await preset('지난 달').click();
    await total('매출')
      .filter({ hasText: won(0) })
      .waitFor();
    await preset('이번 달').click();
    await total('매출')
      .filter({ hasText: won(38000) })
      .waitFor();
  });

  it('refuses a reversed custom range on the page', async () => {
    await page.getByLabel('시작일').fill('2026-03-12');
    await page.getByLabel('종료일').fill('2026-03-01');
    await page.getByRole('button', { name: '조회' }).click();
    expect(await page.getByRole('alert').innerText()).toBe(
      '시작일이 종료일보다 늦습니다. 날짜를 바꿔 주세요.',
    );
  });

  it('downloads the CSV: UTF-8 with BOM, the Korean header, one row per line', async () => {
    await preset('오늘').click();
    await total('매출')
      .filter({ hasText: won(38000) })
      .waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV 다운로드' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^sales-(\d{4}-\d{2}-\d{2})_\1\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // Decoded strictly: any broken UTF-8 throws.
    const rows = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(3)).trimEnd().split('\r\n');
    expect(rows[0]).toBe('날짜,시간,주문번호,테이블,메뉴,옵션,수량,단가,금액,상태');
    expect(rows.slice(1).map((r) => r.split(',').slice(3).join(','))).toEqual([
      '1,김치찌개,,2,9000,18000,대기중',
      '1,공기밥,,2,1000,2000,대기중',
      '2,제육볶음,,1,11000,11000,대기중',
      '2,계란말이,,1,7000,7000,대기중',
    ]);
  });
});
