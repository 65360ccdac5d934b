// Staff accounts (SPEC 17): an owner creates a staff account in the dashboard; the staff logs in and
// sees the reduced dashboard (the board and a read-only menu with its sold-out switches, no tables,
// settings or accounts), moves an order and the order detail names who did it; deleting the account
// logs the staff out.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type ApiProcess } from '../../tests/support/api-server.js';
import { shot } from '../support/browser.js';
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
  waitLive,
} from './helpers.js';

const STAFF = { username: 'kim', password: 'kim-pass-1234' };

const navLinks = (page: Page) =>
  page.getByRole('navigation', { name: '주 메뉴' }).getByRole('link').allInnerTexts();

describe('staff accounts', () => {
  let server: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    // A short heartbeat: a deleted account's live stream ends within a second.
    ({ server, browser } = await setup({ EVENTS_HEARTBEAT_MS: '1000' }));
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('an owner creates a staff account; the staff logs in and sees the reduced dashboard', async () => {
    // The owner adds kim as staff.
    const owner = await openAdmin(browser, server.baseUrl);
    await loginUi(owner.page);
    await owner.page.getByLabel(`로그인: ${DEMO.admin} (사장님)`).waitFor();
    expect(await navLinks(owner.page)).toEqual([
      '주문 현황',
      '메뉴 관리',
      '주방 화면',
      '매출',
      '테이블 관리',
      '매장 설정',
      '프린터',
      '직원 계정',
    ]);
    await owner.page.getByRole('link', { name: '직원 계정' }).click();
    await owner.page.getByRole('heading', { name: '직원 계정', level: 1 }).waitFor();
    const form = owner.page.getByRole('form', { name: '계정 추가' });
    await form.getByRole('textbox', { name: '아이디' }).fill(STAFF.username);
    await form.getByRole('textbox', { name: '비밀번호' }).fill(STAFF.password);
    expect(await form.getByRole('combobox', { name: '역할' }).inputValue()).toBe('staff');
    await form.getByRole('button', { name: '추가', exact: true }).click();
    await owner.page.getByText(`${STAFF.username} 계정을 추가했습니다.`).waitFor();
    const kimRow = owner.page
      .getByRole('row')
      .filter({ has: owner.page.getByRole('rowheader', { name: 'kim' }) });
    expect(await kimRow.getByText('직원', { exact: true }).count()).toBe(1);
    await owner.page.screenshot({ path: shot('admin-accounts') });

    // kim logs in on another device: the board and the menu only, and the header says who is there.
    const staff = await openAdmin(browser, server.baseUrl);
    const { page } = staff;
    await page.getByLabel('매장 ID').fill(DEMO.store);
    await page.getByLabel('아이디').fill(STAFF.username);
    await page.getByLabel('비밀번호').fill(STAFF.password);
    await page.getByRole('button', { name: '로그인' }).click();
    await tableCard(page, 1).waitFor();
    await waitLive(page);
    expect(await navLinks(page)).toEqual(['주문 현황', '메뉴 관리', '주방 화면']);
    expect(await page.getByLabel('로그인: kim (직원)').innerText()).toBe('kim · 직원');

    // Service: kim starts preparing an order; the detail says so.
    const token = await tableToken(server.baseUrl, 2);
    const menu = await tableMenu(server.baseUrl, token);
    const o = await placeOrder(server.baseUrl, token, [
      { menuItemId: itemId(menu, '김치찌개'), quantity: 1 },
    ]);
    const card = tableCard(page, 2);
    await card.getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}`) }).click();
    const drawer = page.getByRole('dialog', { name: `주문 상세 #${shortNo(o)}` });
    await drawer.getByRole('button', { name: '준비 시작' }).click();
    const trail = drawer.getByRole('region', { name: '처리 기록' });
    await trail.getByText(/^kim이 준비 시작 · \d{2}:\d{2}$/).waitFor();
    expect(await trail.getByText(/^테이블 2에서 주문 · \d{2}:\d{2}$/).count()).toBe(1);
    await page.screenshot({ path: shot('admin-staff-order-audit') });
    await drawer.getByRole('button', { name: '닫기' }).click();

    // The menu is read-only but for the sold-out switch.
    await page.getByRole('link', { name: '메뉴 관리' }).click();
    const panel = page.getByRole('region', { name: '메인 메뉴' });
    const toggle = panel.getByRole('switch', { name: '김치찌개 품절' });
    await toggle.waitFor();
    await page.getByText('메뉴 수정은 사장님만 할 수 있습니다. 품절 전환은 직원도 할 수 있습니다.').waitFor();
    expect(await page.getByRole('button', { name: /메뉴 추가/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '김치찌개 수정' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '김치찌개 삭제' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '카테고리 추가' }).count()).toBe(0);
    const soldOut = async () =>
      (await tableMenu(server.baseUrl, token)).categories
        .flatMap((c) => c.items)
        .find((i) => i.name === '김치찌개')?.soldOut;
    await toggle.click();
    await expect.poll(soldOut).toBe(true);
    await panel
      .getByText(/^최근 변경: kim · \d{2}:\d{2}$/)
      .first()
      .waitFor();
    await page.screenshot({ path: shot('admin-staff-menu') });
    await toggle.click();
    await expect.poll(soldOut).toBe(false);

    // Owner pages opened by their address say why not.
    await page.goto(`${server.baseUrl}/admin/#/accounts`);
    await page.getByRole('heading', { name: '사장님 전용 화면' }).waitFor();
    await page.goto(`${server.baseUrl}/admin/#/tables`);
    await page.getByRole('heading', { name: '사장님 전용 화면' }).waitFor();
    await page.getByRole('link', { name: '주문 현황으로' }).click();
    await tableCard(page, 1).waitFor();

    // The owner deletes kim: kim's dashboard ends up at the login screen by itself.
    await kimRow.getByRole('button', { name: 'kim 계정 삭제' }).click();
    const confirm = owner.page.getByRole('alertdialog', { name: '계정 삭제' });
    await confirm.getByRole('button', { name: '삭제' }).click();
    await owner.page.getByText('kim 계정을 삭제했습니다.').waitFor();
    await page.getByRole('heading', { name: '관리자 로그인' }).waitFor({ timeout: 10_000 });
    await page.getByText(/계정의 비밀번호나 역할이 바뀌었거나 계정이 삭제되어 로그아웃되었습니다/).waitFor();

    await staff.context.close();
    await owner.context.close();
  });
});
