// B7: the tablet app, built and served by the API: first menu render in Debian Chromium with 4× CPU
// throttling and a slow network (CDP Network.emulateNetworkConditions), the tablet already set up
// (device settings and a saved login in localStorage, as after staff setup); and the initial JS size.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { TableLoginResponse } from '@table-order/contracts';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Scenario } from '../lib/context.js';
import { call } from '../lib/api.js';
import { check, figure, type Check, type Figure } from '../lib/report.js';
import { summary } from '../lib/stats.js';
import { launchChromium } from '../../tests/support/chromium.js';
import { ROOT, sleep } from '../../tests/support/common.js';
import { startProcess } from '../../tests/support/processes.js';

const DIST = join(ROOT, 'apps', 'customer', 'dist');
const REPEATS = 3;

/** Network profiles as Chrome DevTools defines them (throughput in bytes/s, latency added per request). */
const PROFILES = [
  {
    name: 'Slow 3G',
    latency: 2000,
    download: (500 * 1000 * 0.8) / 8,
    upload: (500 * 1000 * 0.8) / 8,
    // Its 2 s per request cannot reach 1.5 s for any app with an API call: only the reopen has a target.
    targets: { first: undefined, reopen: 0.2 },
  },
  // DevTools' "Fast 3G" (now "Slow 4G"): the throttling Lighthouse applies for its mobile score.
  {
    name: 'Fast 3G',
    latency: 562.5,
    download: (1.6 * 1000 * 1000 * 0.9) / 8,
    upload: (750 * 1000 * 0.9) / 8,
    targets: { first: 2.5, reopen: undefined },
  },
] as const;

/** Gzipped bytes of the JavaScript the app loads at start (entry script + modulepreloads), as scripts/size.mjs counts. */
function initialJs(): { bytes: number; files: string[] } {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const urls = (re: RegExp) => [...html.matchAll(re)].map((m) => m[1] ?? '').filter(Boolean);
  const files = [
    ...new Set([
      ...urls(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
      ...urls(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
    ]),
  ];
  const bytes = files.reduce(
    (n, f) => n + gzipSync(readFileSync(join(DIST, f.replace(/^\//, ''))), { level: 9 }).length,
    0,
  );
  return { bytes, files };
}

async function build(log: (m: string) => void): Promise<{ ok: boolean; output: string }> {
  log('B7: npm run build --workspace apps/customer');
  const p = startProcess('customer-build', 'npm', ['run', 'build', '--workspace', 'apps/customer']);
  await new Promise<void>((resolve) => {
    p.child.once('exit', () => {
      resolve();
    });
  });
  return { ok: p.child.exitCode === 0, output: p.output() };
}

// Runs in the page before the app: records when the first real dish card (not the loading skeleton)
// has been laid out and the next frame painted.
const WATCH = `
  window.__firstMenu = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector('.menu-card__open')) {
      obs.disconnect();
      requestAnimationFrame(() => { window.__firstMenu = performance.now(); });
    }
  }).observe(document, { subtree: true, childList: true });
`;

interface Timing {
  name: string;
  start: number;
  end: number;
  bytes: number;
}

// The load's waterfall (navigation + resources), for explaining where the time went.
const WATERFALL = `[performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]
  .filter(Boolean)
  .map((e) => ({ name: e.name.replace(location.origin, '') || '/', start: Math.round(e.startTime), end: Math.round(e.responseEnd), bytes: e.transferSize }))`;

async function measureLoad(
  page: Page,
  url: string | null,
): Promise<{ ms: number; cards: number; setupShown: boolean; waterfall: Timing[] }> {
  if (url) await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
  else await page.reload({ waitUntil: 'commit', timeout: 60_000 });
  const deadline = Date.now() + 60_000;
  let ms: number | null = null;
  while (Date.now() < deadline) {
    if (page.isClosed() || !page.context().browser()?.isConnected()) throw new Error('Chromium went away');
    ms = await page.evaluate<number | null>('window.__firstMenu ?? null').catch(() => null);
    if (ms !== null) break;
    await sleep(50);
  }
  const cards = await page.evaluate<number>("document.querySelectorAll('.menu-card__open').length");
  const setupShown = await page.evaluate<boolean>("!!document.querySelector('.setup')");
  const waterfall = await page.evaluate<Timing[]>(WATERFALL);
  return { ms: ms ?? NaN, cards, setupShown, waterfall };
}

async function throttle(context: BrowserContext, page: Page, p: (typeof PROFILES)[number]): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: p.latency,
    downloadThroughput: p.download,
    uploadThroughput: p.upload,
  });
}

export const b7: Scenario = {
  id: 'B7',
  title:
    'Tablet app: first menu render (4× CPU throttling; first visit on Fast 3G, reopen on Slow 3G); initial JS',
  async run(ctx) {
    const built = await build(ctx.log);
    if (!existsSync(join(DIST, 'index.html')))
      throw new Error(`the tablet app did not build:\n${built.output}`);
    const js = initialJs();
    const server = await ctx.api('B7', { name: 'b7-api', databaseUrl: ctx.sqlite.databaseUrl });
    const store = ctx.sqlite.stores[0];
    const table = store?.tables[0];
    if (!store || !table) throw new Error('no fixture store');
    const login = await call<TableLoginResponse>(server.baseUrl, 'POST', '/api/v1/auth/table/login', {
      body: { storeIdentifier: store.identifier, tableNumber: table.number, password: 'bench-table-1' },
    });
    // What the app keeps after staff setup (apps/customer/src/shared/device.ts).
    const device = {
      storeIdentifier: store.identifier,
      tableNumber: table.number,
      password: 'bench-table-1',
    };
    const session = {
      accessToken: login.accessToken,
      expiresAt: login.expiresAt,
      store: login.store,
      table: login.table,
    };
    const setup = `try { if (location.origin === ${JSON.stringify(server.baseUrl)}) {
      localStorage.setItem('table-order:device', ${JSON.stringify(JSON.stringify(device))});
      localStorage.setItem('table-order:session', ${JSON.stringify(JSON.stringify(session))});
    } } catch {}`;

    let browser: Browser = await launchChromium();
    const figures: Figure[] = [];
    const checks: Check[] = [];
    const details: Record<string, unknown> = {
      initialJs: js,
      build: { ok: built.ok },
      chromium: browser.version(),
    };
    try {
      for (const p of PROFILES) {
        const cold: number[] = [];
        const warm: number[] = [];
        let cardsOk = true;
        let setupSeen = false;
        let swServed = true;
        const waterfalls: { cold: Timing[]; warm: Timing[] }[] = [];
        for (let i = 0; i < REPEATS; i++) {
          for (let attempt = 0; ; attempt++) {
            try {
              // A fresh profile each time: empty HTTP cache (first visit); then a reload (the tablet reopening the app).
              const context = await browser.newContext({
                viewport: { width: 1280, height: 800 },
                locale: 'ko-KR',
              });
              await context.addInitScript({ content: setup + WATCH });
              const page = await context.newPage();
              await throttle(context, page, p);
              const c = await measureLoad(page, `${server.baseUrl}/`);
              // The app installs its service worker after the first start; a reopened tablet has it.
              await page.evaluate(() =>
                Promise.race([
                  navigator.serviceWorker.ready.then(() => undefined),
                  new Promise((resolve) => setTimeout(resolve, 30_000)),
                ]),
              );
              const w = await measureLoad(page, null);
              swServed &&= await page.evaluate(() => navigator.serviceWorker.controller !== null);
              cold.push(c.ms);
              warm.push(w.ms);
              cardsOk &&= c.cards === 40 && w.cards === 40;
              setupSeen ||= c.setupShown || w.setupShown;
              waterfalls.push({ cold: c.waterfall, warm: w.waterfall });
              await context.close();
              break;
            } catch (err) {
              // Chromium can die under memory or process pressure from others: start it again once.
              if (attempt > 0 || browser.isConnected()) throw err;
              ctx.log('B7: Chromium went away; starting it again');
              browser = await launchChromium();
            }
          }
        }
        const c = summary(cold);
        const w = summary(warm);
        const profile = `${p.name} (${p.latency} ms latency, ${Math.round((p.download * 8) / 1000)} kbit/s down)`;
        const max = (v: number | undefined) =>
          v === undefined ? {} : { target: { kind: 'max' as const, max: v } };
        figures.push(
          figure(`first menu render, first visit, ${profile}`, c.p50 / 1000, 's', {
            ...max(p.targets.first),
            note: `median of ${REPEATS}; max ${(c.max / 1000).toFixed(2)} s`,
          }),
          figure(
            `first menu render, app reopened (service worker and HTTP cache warm), ${p.name}`,
            w.p50 / 1000,
            's',
            {
              ...max(p.targets.reopen),
              note: `median of ${REPEATS}`,
            },
          ),
        );
        checks.push(
          check(
            `${p.name}: the menu rendered`,
            cold.every(Number.isFinite) && warm.every(Number.isFinite),
            `${cold.length + warm.length} loads timed`,
          ),
          check(
            `${p.name}: all 40 dishes shown, no setup screen`,
            cardsOk && !setupSeen,
            cardsOk ? 'every load showed 40 dish cards' : 'a load showed a different number of dish cards',
          ),
          check(
            `${p.name}: the reopened app came from its service worker`,
            swServed,
            swServed ? 'every reopened page was controlled by the worker' : 'a reopened page had no worker',
          ),
        );
        details[p.name] = { cold, warm, waterfall: waterfalls[0] };
      }
    } finally {
      await browser.close();
    }
    figures.push(
      figure('initial JS (entry + modulepreloads), gzipped', js.bytes / 1000, 'KB', {
        target: { kind: 'max', max: 150 },
        note: `${js.files.length} files`,
      }),
    );
    checks.push(
      check(
        'tablet app build',
        built.ok,
        built.ok
          ? 'npm run build --workspace apps/customer passed (including its size check)'
          : 'the build (or its size check) failed',
      ),
    );
    return { figures, checks, details };
  },
};
