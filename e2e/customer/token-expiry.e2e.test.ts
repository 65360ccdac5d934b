// Tokens that expire every few seconds (JWT_EXPIRE_HOURS ≈ 5 s): the tablet keeps working, logs in
// again by itself, keeps its live stream, and the guest never notices.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import {
  Admin,
  clearInterruptions,
  interruptions,
  setupTablet,
  watchForInterruptions,
} from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer({ JWT_EXPIRE_HOURS: '0.0015' });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

describe('token expiry', () => {
  it('is invisible to the guest: orders and live status keep working across expiries', async () => {
    const admin = new Admin(server.baseUrl);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
    const page = await context.newPage();
    await watchForInterruptions(page);
    let logins = 0;
    page.on('request', (r) => {
      // The setup's password login, then re-logins with the device credential.
      if (/\/api\/v1\/auth\/table\/(login|refresh)$/.test(r.url())) logins++;
    });
    await setupTablet(page, server.baseUrl, 7);
    await clearInterruptions(page);
    await page.getByRole('button', { name: '김치찌개 담기' }).click();

    // Let the token (and the live stream it opened) expire.
    await page.waitForTimeout(7000);
    const panel = page.getByRole('complementary', { name: '장바구니' });
    await panel.getByRole('button', { name: '주문하기', exact: true }).click();
    await page
      .getByRole('dialog', { name: '주문 확인' })
      .getByRole('button', { name: '9,000원 주문하기' })
      .click();
    await page
      .getByRole('dialog', { name: '주문이 접수되었습니다' })
      .getByRole('button', { name: '메뉴로 돌아가기' })
      .click();

    // After another expiry the stream still delivers the store's status change.
    await page.waitForTimeout(6000);
    await page.getByRole('button', { name: '주문내역 1건' }).click();
    const [placed] = await admin.tableOrders(7);
    if (!placed) throw new Error('order expected');
    await admin.setStatus(placed.id, 'preparing');
    const card = page
      .getByRole('dialog', { name: '주문내역' })
      .getByRole('listitem', { name: `주문 ${placed.orderNumber}` });
    await expect.poll(() => card.locator('[data-status]').textContent(), { timeout: 5000 }).toBe('준비중');

    expect(logins).toBeGreaterThanOrEqual(3);
    expect(await interruptions(page)).toEqual({ banner: false, setup: false });
    await context.close();
  });
});
