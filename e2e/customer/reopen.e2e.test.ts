// Reopening the tablet app: the service worker serves the app from its cache and the last menu shows at
// once, so a tablet restarted on a bad network (or none) is not stuck on a loading screen.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, shot } from '../support/browser.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { Admin, setupTablet } from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

describe('reopening the tablet app', () => {
  it('opens with the menu without the network, and picks up changes once the network is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
    const page = await context.newPage();
    await setupTablet(page, server.baseUrl, 9);
    // The worker installs after the first start and takes over this page once it has cached the app.
    await page.waitForFunction('navigator.serviceWorker.controller !== null', undefined, {
      timeout: 15_000,
    });

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor({ timeout: 10_000 });
    await expect(page.getByRole('heading', { name: '태블릿 설정' }).count()).resolves.toBe(0);
    await page.screenshot({ path: shot('tablet-reopened-offline') });

    // While the tablet was away, 김치찌개 sold out: back online, the app shows it without staff help.
    await new Admin(server.baseUrl).setSoldOut('김치찌개', true);
    await context.setOffline(false);
    await page.reload();
    await page.getByRole('button', { name: /^김치찌개, .*품절/ }).waitFor({ timeout: 10_000 });
    await new Admin(server.baseUrl).setSoldOut('김치찌개', false);
    await context.close();
  });
});
