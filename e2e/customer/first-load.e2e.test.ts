// A set-up tablet opening the app with an empty cache (a first visit, as after a browser data wipe or on
// a new release's first start): index.html's inline bootstrap asks for the menu while the app's script
// downloads, the browser runs it under the page's CSP (allowed by its hash), and the app renders from
// that answer without asking again. When the bootstrap's request fails, the app asks itself.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { setupTablet } from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;
/** The tablet's saved settings and login after a staff setup (localStorage entries). */
let saved: Record<string, string>;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
  const page = await context.newPage();
  await setupTablet(page, server.baseUrl, 6);
  saved = await page.evaluate<Record<string, string>>(
    `Object.fromEntries(['table-order:device', 'table-order:session'].map((k) => [k, localStorage.getItem(k)]))`,
  );
  await context.close();
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

interface Load {
  context: BrowserContext;
  page: Page;
  menuRequests: { url: string; authorization: string | undefined }[];
  cspReports: string[];
}

/** A fresh browser profile (empty HTTP cache, no service worker) holding the tablet's saved login. */
async function firstVisit(): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
  await context.addInitScript({
    content: `
      if (location.origin === ${JSON.stringify(server.baseUrl)}) {
        for (const [k, v] of Object.entries(${JSON.stringify(saved)})) localStorage.setItem(k, v);
      }
      window.__csp = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI);
      });
    `,
  });
  const page = await context.newPage();
  const load: Load = { context, page, menuRequests: [], cspReports: [] };
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/v1/table/menu')
      load.menuRequests.push({ url: r.url(), authorization: r.headers().authorization });
  });
  page.on('console', (m) => {
    if (m.text().includes('Content Security Policy')) load.cspReports.push(m.text());
  });
  return load;
}

const prefetchUsed = (page: Page) =>
  page.evaluate<number>("performance.getEntriesByName('table-order:menu-prefetch-used').length");

describe('first visit of a set-up tablet', () => {
  it('asks for the menu once, from the inline bootstrap the CSP allows, and shows it', async () => {
    const { context, page, menuRequests, cspReports } = await firstVisit();
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
    // Long enough for the other start-up reads and the live stream to open.
    await page.waitForTimeout(1500);
    expect(cspReports).toEqual([]);
    await expect(page.evaluate<string[]>('window.__csp')).resolves.toEqual([]);
    expect(menuRequests).toHaveLength(1);
    // The token travels in the header, never in the address.
    expect(menuRequests[0]?.url).toBe(`${server.baseUrl}/api/v1/table/menu`);
    expect(menuRequests[0]?.authorization).toMatch(/^Bearer .+/);
    await expect(prefetchUsed(page)).resolves.toBe(1);
    await expect(page.getByRole('heading', { name: '태블릿 설정' }).count()).resolves.toBe(0);
    await context.close();
  });

  it("asks again itself when the bootstrap's request failed", async () => {
    const { context, page, menuRequests, cspReports } = await firstVisit();
    let first = true;
    await page.route('**/api/v1/table/menu', async (route) => {
      if (first) {
        first = false;
        await route.abort('connectionreset');
      } else await route.continue();
    });
    await page.goto(`${server.baseUrl}/`);
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
    expect(menuRequests).toHaveLength(2);
    await expect(prefetchUsed(page)).resolves.toBe(0);
    expect(cspReports).toEqual([]);
    await context.close();
  });
});
