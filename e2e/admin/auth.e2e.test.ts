// Login, a session that survives a refresh, logout at expiry, and the lockout message.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot } from '../support/browser.js';
import type { ApiProcess } from '../../tests/support/api-server.js';
import { openAdmin, loginUi, setup, startShortLivedServer, tableCard, text } from './helpers.js';

const SESSION_KEY = 'table-order.admin.session';

describe('admin login', () => {
  let server: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    ({ server, browser } = await setup());
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('refuses wrong details with a clear message, then logs in and stays logged in across a refresh', async () => {
    const { context, page } = await openAdmin(browser, server.baseUrl);
    await page.getByRole('heading', { name: '관리자 로그인' }).waitFor();
    await page.screenshot({ path: shot('admin-login') });

    await loginUiExpectingError(page, 'wrong-password');
    const alert = page.getByRole('alert');
    expect(await text(alert)).toContain('로그인 정보가 올바르지 않습니다');

    await loginUi(page);
    expect(await page.getByRole('navigation', { name: '주 메뉴' }).isVisible()).toBe(true);
    // The token is kept with its expiry, never in the URL.
    const raw = await page.evaluate<string>(`localStorage.getItem('${SESSION_KEY}')`);
    const stored = JSON.parse(raw) as { accessToken: string; expiresAt: number };
    expect(stored.expiresAt).toBeGreaterThan(Date.now());
    expect(page.url()).not.toContain(stored.accessToken);

    await page.reload();
    await tableCard(page, 1).waitFor();
    expect(await page.getByLabel('비밀번호').count()).toBe(0);
    await context.close();
  });

  it('an expired stored session returns to the login screen on the next load', async () => {
    const { context, page } = await openAdmin(browser, server.baseUrl);
    await loginUi(page);
    await page.evaluate(
      `(() => { const s = JSON.parse(localStorage.getItem('${SESSION_KEY}')); s.expiresAt = Date.now() - 1000; localStorage.setItem('${SESSION_KEY}', JSON.stringify(s)); })()`,
    );
    await page.reload();
    await page.getByRole('heading', { name: '관리자 로그인' }).waitFor();
    expect(await page.evaluate(`localStorage.getItem('${SESSION_KEY}')`)).toBeNull();
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await openAdmin(browser, server.baseUrl);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await page.getByRole('heading', { name: 'Admin login' }).waitFor();
    expect(await page.getByLabel('Store ID').count()).toBe(1);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await page.getByRole('button', { name: '한국어로 보기' }).click();
    await page.getByRole('heading', { name: '관리자 로그인' }).waitFor();
    await context.close();
  });
});

describe('admin session expiry and lockout', () => {
  let server: ApiProcess;
  let browser: Browser;

  beforeAll(async () => {
    // Tokens live 0.0015 h = 5.4 s.
    ({ server, browser } = await startShortLivedServer('0.0015'));
  });
  afterAll(async () => {
    await browser.close();
    await server.dispose();
  });

  it('logs out by itself when the token expires and says why', async () => {
    const { context, page } = await openAdmin(browser, server.baseUrl);
    await loginUi(page);
    await page.getByRole('heading', { name: '관리자 로그인' }).waitFor({ timeout: 15_000 });
    expect(await text(page.getByRole('status').filter({ hasText: '만료' }))).toContain(
      '로그인 시간이 만료되었습니다',
    );
    await context.close();
  });

  it('after five wrong passwords the account is locked and the screen says how long to wait', async () => {
    const { context, page } = await openAdmin(browser, server.baseUrl);
    for (let i = 0; i < 5; i++) {
      await loginUiExpectingError(page, `wrong-${i}`);
      await page.getByRole('alert').waitFor();
    }
    await loginUiExpectingError(page, 'wrong-again');
    await page.getByRole('alert').filter({ hasText: '잠겼습니다' }).waitFor();
    const message = await text(page.getByRole('alert'));
    expect(message).toMatch(/계정이 잠겼습니다\. 1[45]분 후에 다시 시도하세요/);
    expect(await page.getByRole('button', { name: /후 다시 시도/ }).isDisabled()).toBe(true);
    await page.screenshot({ path: shot('admin-login-locked') });
    await context.close();
  });
});

async function loginUiExpectingError(page: import('playwright-core').Page, password: string): Promise<void> {
  await page.getByLabel('매장 ID').fill('demo');
  await page.getByLabel('아이디').fill('admin');
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}
