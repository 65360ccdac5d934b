// Staff calls and store settings end to end (SPEC 11): a guest calls from the tablet, the board shows
// the call live and the sound control rings, staff acknowledge with one tap, the tablet says so; a
// settings change in the dashboard reaches a tablet without a reload.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { adminToken, loginUi, openAdmin, tableCard, waitLive } from '../admin/helpers.js';
import { api, launchBrowser, shot } from '../support/browser.js';
import { setupTablet } from '../support/tablet.js';

// Counts the tones the dashboard plays by oscillator type (the order chime is sine, the call sound
// triangle). Runs in the page before the app, as a string (this project has no DOM types).
const TONE_COUNTER = `(() => {
  window.__tones = {};
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) {
    window.__tones[this.type] = (window.__tones[this.type] || 0) + 1;
    return start.apply(this, args);
  };
})()`;

interface Call {
  id: number;
  tableNumber: number;
  reasons: string[];
  message: string | null;
  status: string;
}

let server: ApiProcess;
let browser: Browser;
let adminContext: BrowserContext;
let board: Page;

async function tablet(table: number, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await setupTablet(page, server.baseUrl, table);
  return page;
}

async function storeCalls(status: 'open' | 'all'): Promise<Call[]> {
  const r = await api<{ calls: Call[] }>(
    server.baseUrl,
    await adminToken(server.baseUrl),
    'GET',
    `/api/v1/admin/calls?status=${status}`,
  );
  expect(r.status).toBe(200);
  return r.body.calls;
}

/** Goes back to the menu from the call sheet, unless it already did so by itself (after 6 s). */
async function closeSheet(page: Page): Promise<void> {
  const back = page
    .getByRole('dialog', { name: '직원 호출' })
    .getByRole('button', { name: '메뉴로 돌아가기' });
  if (await back.isVisible()) await back.click();
}

const triangleTones = () => board.evaluate<number>('window.__tones.triangle || 0');
const soundToggle = () => board.getByRole('button', { name: '새 주문·직원 호출 알림음' });

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  ({ context: adminContext, page: board } = await openAdmin(browser, server.baseUrl, {
    width: 1280,
    height: 800,
  }));
  await adminContext.addInitScript({ content: TONE_COUNTER });
  await board.reload();
  await loginUi(board);
  await waitLive(board);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

describe('staff calls', () => {
  it('a guest calls; the board shows it live and rings; one tap acknowledges; the tablet shows it', async () => {
    await soundToggle().click();
    expect(await soundToggle().getAttribute('aria-pressed')).toBe('true');
    expect(await soundToggle().getAttribute('data-ringing')).toBeNull();
    const tonesBefore = await triangleTones();

    const page = await tablet(4);
    const callButton = page.getByRole('button', { name: '직원 호출' });
    expect(await callButton.isVisible()).toBe(true);
    await callButton.click();
    const sheet = page.getByRole('dialog', { name: '직원 호출' });
    const reasons = sheet.getByRole('group', { name: '요청 항목' });
    // The demo store keeps the default reasons.
    expect(await reasons.getByRole('button').allInnerTexts()).toEqual([
      '물',
      '물티슈',
      '앞접시',
      '수저·젓가락',
      '직원 호출',
    ]);
    await reasons.getByRole('button', { name: '물', exact: true }).click();
    await reasons.getByRole('button', { name: '앞접시' }).click();
    await sheet.getByLabel('메시지 (선택)').fill('아기 의자도 부탁드려요');
    expect(await reasons.getByRole('button', { name: '물', exact: true }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    await page.screenshot({ animations: 'disabled', path: shot('customer-call-sheet-1280x800') });

    // A double tap makes one call.
    const calledAt = Date.now();
    await sheet.getByRole('button', { name: '호출하기' }).dblclick();
    await sheet.getByText('직원을 호출했어요').waitFor();

    // The board: the table's card and the call list, within 2 s; the sound control rings.
    const card = tableCard(board, 4);
    const ack = card.getByRole('button', {
      name: '테이블 4 호출 확인: 물 · 앞접시 · “아기 의자도 부탁드려요”',
    });
    await ack.waitFor({ timeout: 2000 });
    expect(Date.now() - calledAt).toBeLessThan(2000);
    expect(await card.getAttribute('class')).toContain('card--calling');
    const list = board.getByRole('region', { name: '직원 호출' });
    expect(await list.innerText()).toContain('테이블 4');
    await soundToggle().getByText('호출 알림 중').waitFor();
    expect(await soundToggle().getAttribute('data-ringing')).toBe('true');
    await expect.poll(triangleTones, { timeout: 3000 }).toBeGreaterThan(tonesBefore);
    await board.screenshot({ animations: 'disabled', path: shot('admin-board-open-call-1280x800') });

    const open = await storeCalls('open');
    expect(open.map((c) => [c.tableNumber, c.reasons, c.message])).toEqual([
      [4, ['물', '앞접시'], '아기 의자도 부탁드려요'],
    ]);

    // One tap: the call leaves the board, the sound stops, the tablet says staff saw it.
    await ack.click();
    await ack.waitFor({ state: 'detached' });
    await list.waitFor({ state: 'detached' });
    expect(await card.getAttribute('class')).not.toContain('card--calling');
    await soundToggle().getByText('알림음 켜짐').waitFor();
    expect(await soundToggle().getAttribute('data-ringing')).toBeNull();
    // The sheet says so (or, once it went back to the menu by itself, the notice at the top).
    await page.getByText('직원이 확인했어요').first().waitFor({ timeout: 3000 });
    expect(await storeCalls('open')).toEqual([]);
    expect((await storeCalls('all')).map((c) => c.status)).toEqual(['acknowledged']);
    await closeSheet(page);
    await page.getByRole('status').filter({ hasText: '직원이 확인했어요' }).waitFor();
    await page.context().close();
  });

  it('the call button is there in portrait too, and a new call shows on the tablet until staff answer', async () => {
    const page = await tablet(5, { width: 800, height: 1280 });
    const callButton = page.getByRole('button', { name: '직원 호출' });
    const box = await callButton.boundingBox();
    expect(box && box.y + box.height <= 1280 && box.width >= 44 && box.height >= 44).toBe(true);
    await callButton.click();
    const sheet = page.getByRole('dialog', { name: '직원 호출' });
    await sheet.getByLabel('메시지 (선택)').fill('계산서 주세요');
    await sheet.getByRole('button', { name: '호출하기' }).click();
    await sheet.getByText('직원을 호출했어요').waitFor();
    await page.screenshot({ animations: 'disabled', path: shot('customer-call-sent-800x1280') });
    await closeSheet(page);
    await page.getByRole('status').filter({ hasText: '직원을 호출했어요' }).waitFor();
    expect(await callButton.getAttribute('data-status')).toBe('open');

    const ack = tableCard(board, 5).getByRole('button', { name: /테이블 5 호출 확인/ });
    await ack.click();
    await page.getByRole('status').filter({ hasText: '직원이 확인했어요' }).waitFor({ timeout: 3000 });
    await page.context().close();
  });
});

describe('store settings', () => {
  it('a settings change in the dashboard reaches a tablet without a reload', async () => {
    const page = await tablet(6);
    await board.getByRole('link', { name: '매장 설정' }).click();
    await board.getByRole('heading', { name: '매장 설정' }).waitFor();
    const name = board.getByLabel('매장 이름');
    await expect.poll(() => name.inputValue()).toBe('데모 식당');
    await board.screenshot({ animations: 'disabled', fullPage: true, path: shot('admin-settings-1280x800') });

    await name.fill('데모 한식당');
    const reasons = board.getByRole('group', { name: '직원 호출 항목' });
    await reasons.getByRole('button', { name: '직원 호출 항목 추가' }).click();
    await reasons.getByLabel('직원 호출 항목 6').fill('담요');
    await reasons.getByRole('button', { name: '물티슈 빼기' }).click();
    const chips = board.getByRole('group', { name: '요청사항 버튼' });
    await chips.getByRole('button', { name: '요청사항 버튼 추가' }).click();
    await chips.getByLabel('요청사항 버튼 5').fill('곱빼기');
    await board.getByRole('button', { name: '저장' }).click();
    await board.getByText('매장 설정을 저장했습니다. 태블릿에 바로 반영됩니다.').waitFor();
    // The header follows the new name too.
    await board.locator('.topbar__store').getByText('데모 한식당').waitFor();

    // The tablet: the name, the call reasons and the request chips, all without a reload.
    await page.getByRole('button', { name: '데모 한식당' }).waitFor({ timeout: 3000 });
    await page.getByRole('button', { name: '직원 호출' }).click();
    const sheet = page.getByRole('dialog', { name: '직원 호출' });
    expect(await sheet.getByRole('group', { name: '요청 항목' }).getByRole('button').allInnerTexts()).toEqual(
      ['물', '앞접시', '수저·젓가락', '직원 호출', '담요'],
    );
    await sheet.getByRole('button', { name: '취소' }).click();

    await page.getByRole('button', { name: '김치찌개 담기' }).click();
    await page
      .getByRole('complementary', { name: '장바구니' })
      .getByRole('button', { name: '주문하기', exact: true })
      .click();
    const review = page.getByRole('dialog', { name: '주문 확인' });
    const requests = review.getByRole('group', { name: '자주 하는 요청' });
    expect(await requests.getByRole('button').allInnerTexts()).toEqual([
      '+ 덜 맵게',
      '+ 맵게',
      '+ 양 많이',
      '+ 포장해 주세요',
      '+ 곱빼기',
    ]);
    await requests.getByRole('button', { name: '+ 곱빼기' }).click();
    await requests.getByRole('button', { name: '+ 덜 맵게' }).click();
    expect(await review.getByLabel('요청사항 (선택)').inputValue()).toBe('곱빼기, 덜 맵게');
    await page.screenshot({ animations: 'disabled', path: shot('customer-review-request-chips-1280x800') });
    await page.context().close();
  });
});
