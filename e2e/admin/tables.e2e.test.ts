// Tables management: create, change number/password, delete; an occupied table cannot be deleted.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser.js';
import type { ApiProcess } from '../../tests/support/api-server.js';
import {
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  tableCard,
  tableMenu,
  tableToken,
  text,
} from './helpers.js';

describe('tables management', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ server, browser } = await setup());
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await page.getByRole('link', { name: '테이블 관리' }).click();
    await page.getByRole('heading', { name: '테이블 관리' }).waitFor();
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  const row = (n: number) => page.getByRole('row', { name: new RegExp(`^테이블 ${n} `) });

  it('lists the tables and adds one; the board shows it', async () => {
    await row(10).waitFor();
    const form = page.getByRole('form', { name: '테이블 추가' });
    await form.getByLabel('테이블 번호').fill('11');
    await form.getByLabel('테이블 비밀번호').fill('abcd');
    await form.getByRole('button', { name: '추가' }).click();
    await row(11).waitFor();
    // The form clears once the add has settled, which can be a moment after the list shows the row.
    await expect.poll(() => form.getByLabel('테이블 번호').inputValue(), { timeout: 5000 }).toBe('');
    // The new table can log in with its password.
    await tableToken(server.baseUrl, 11, 'abcd');
    await page.getByRole('link', { name: '주문 현황' }).click();
    await tableCard(page, 11).waitFor();
    await page.getByRole('link', { name: '테이블 관리' }).click();
  });

  it('explains a taken number and a too-short password next to the fields', async () => {
    const form = page.getByRole('form', { name: '테이블 추가' });
    await form.getByLabel('테이블 번호').fill('11');
    await form.getByLabel('테이블 비밀번호').fill('abcd');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('이미 있는 테이블 번호입니다.').waitFor();
    expect(await form.getByLabel('테이블 번호').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('테이블 번호').fill('12');
    await form.getByLabel('테이블 비밀번호').fill('ab');
    await form.getByRole('button', { name: '추가' }).click();
    await form.getByText('비밀번호는 4~32자입니다.').waitFor();
    await page.screenshot({ path: shot('admin-tables') });
    await form.getByLabel('테이블 번호').fill('');
    await form.getByLabel('테이블 비밀번호').fill('');
  });

  it('changes a number and the password; the old password stops working', async () => {
    await page.getByRole('button', { name: '테이블 11 수정' }).click();
    const form = page.getByRole('form', { name: '테이블 11 수정' });
    await form.getByLabel('테이블 번호').fill('21');
    await form.getByLabel('새 비밀번호').fill('wxyz');
    await form.getByRole('button', { name: '저장' }).click();
    await row(21).waitFor();
    expect(await row(11).count()).toBe(0);
    await tableToken(server.baseUrl, 21, 'wxyz');
    await expect(tableToken(server.baseUrl, 21, 'abcd')).rejects.toThrow(/401/);
  });

  it('deletes a table after confirming it by name', async () => {
    await page.getByRole('button', { name: '테이블 21 삭제' }).click();
    const dialog = page.getByRole('alertdialog', { name: '테이블 삭제' });
    expect(await text(dialog)).toContain('테이블 21 삭제할까요?');
    await dialog.getByRole('button', { name: '삭제' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row(21).count()).toBe(0);
    await expect(tableToken(server.baseUrl, 21, 'wxyz')).rejects.toThrow(/401/);
  });

  it('an occupied table cannot be deleted, and the dialog says why', async () => {
    const token = await tableToken(server.baseUrl, 2);
    const menu = await tableMenu(server.baseUrl, token);
    await placeOrder(server.baseUrl, token, [{ menuItemId: itemId(menu, '콜라'), quantity: 1 }]);
    await page.reload();
    await row(2).getByText('이용 중').waitFor();
    await page.getByRole('button', { name: '테이블 2 삭제' }).click();
    const dialog = page.getByRole('alertdialog', { name: '테이블 삭제' });
    await dialog.getByRole('button', { name: '삭제' }).click();
    const alert = dialog.getByRole('alert');
    await alert.waitFor();
    expect(await text(alert)).toContain('테이블 2에는 아직 열린 주문이 있어 삭제할 수 없습니다');
    await dialog.getByRole('button', { name: '취소' }).click();
    expect(await row(2).count()).toBe(1);
  });
});
