// The tablet never loses an order (SPEC 16): orders confirmed without a connection wait in the tablet's
// outbox and reach the board exactly once, in order, also across a reload and a lost answer; a refusal
// puts the dishes back in the cart; an order that waited 15 minutes asks the guest first.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { AnswerDroppingProxy } from '../support/answer-dropping-proxy.js';
import { launchBrowser, shot } from '../support/browser.js';
import { Admin, setupTablet } from '../support/tablet.js';

let server: ApiProcess;
let browser: Browser;
let admin: Admin;

beforeAll(async () => {
  server = await startDemoServer();
  browser = await launchBrowser();
  admin = new Admin(server.baseUrl);
});

afterAll(async () => {
  await browser.close();
  await server.dispose();
});

interface BoardOrder {
  id: number;
  orderNumber: string;
  items: { name: string; quantity: number }[];
}

async function tablet(table: number, baseUrl = server.baseUrl, beforeSetup?: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'ko-KR' });
  const page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await beforeSetup?.(page);
  await setupTablet(page, baseUrl, table);
  return { context, page };
}

const cartPanel = (page: Page) => page.getByRole('complementary', { name: '장바구니' });

/** Adds `dish` and confirms the order of the whole cart. */
async function order(page: Page, dish: string): Promise<void> {
  await page.getByRole('button', { name: `${dish} 담기` }).click();
  await cartPanel(page).getByRole('button', { name: '주문하기', exact: true }).click();
  await page
    .getByRole('dialog', { name: '주문 확인' })
    .getByRole('button', { name: /주문하기$/ })
    .click();
}

/** The order went to the outbox: My orders opens with it as "전송 대기 중"; returns that sheet. */
async function expectQueued(page: Page, count: number) {
  const sheet = page.getByRole('dialog', { name: '주문내역' });
  await sheet.waitFor();
  await expect.poll(() => sheet.getByRole('listitem', { name: '전송 대기 중' }).count()).toBe(count);
  expect(await cartPanel(page).getByRole('listitem').count(), 'the cart emptied').toBe(0);
  return sheet;
}

/** Blocks the tablet's order requests (as if the Wi-Fi dropped for them); the rest of the app loads. */
async function cutOrders(context: BrowserContext): Promise<() => Promise<void>> {
  const url = '**/api/v1/table/orders';
  await context.route(url, (route) =>
    route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.fallback(),
  );
  return () => context.unroute(url);
}

/** The table's orders on the board once `count` are there (newest first); fails after `timeoutMs`. */
async function boardOrders(table: number, count: number, timeoutMs = 45_000): Promise<BoardOrder[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const orders = (await admin.tableOrders(table)) as unknown as BoardOrder[];
    if (orders.length >= count || Date.now() > deadline) return orders;
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** After delivery the board must stay at `count` (no late duplicate). */
async function staysAt(table: number, count: number): Promise<void> {
  await new Promise((r) => setTimeout(r, 2500));
  expect(await admin.tableOrders(table)).toHaveLength(count);
}

describe('tablet outbox', () => {
  it('an order confirmed offline waits as 전송 대기 중 and reaches the board once when back online', async () => {
    const { context, page } = await tablet(1);
    await context.setOffline(true);
    await order(page, '된장찌개');
    const sheet = await expectQueued(page, 1);
    const card = sheet.getByRole('listitem', { name: '전송 대기 중' });
    expect(await card.textContent()).toContain('된장찌개');
    expect(await card.textContent()).toContain('8,500원');
    await page.getByRole('button', { name: '주문내역 1건' }).waitFor({ state: 'attached' });
    await page.screenshot({ animations: 'disabled', path: shot('customer-outbox-pending-1280x800') });
    // Nothing or only a token in storage: the outbox holds the order itself, never credentials.
    const stored = await page.evaluate<string>("localStorage.getItem('table-order:outbox:demo:1') ?? ''");
    expect(stored).toContain('된장찌개');
    expect(stored).not.toMatch(/accessToken|Bearer|deviceCredential|password/);
    expect(await admin.tableOrders(1)).toHaveLength(0);

    await context.setOffline(false);
    const orders = await boardOrders(1, 1);
    expect(orders.map((o) => o.items.map((i) => i.name))).toEqual([['된장찌개']]);
    await staysAt(1, 1);
    // My orders now shows the placed order, and nothing waiting.
    await expect.poll(() => sheet.getByRole('listitem', { name: '전송 대기 중' }).count()).toBe(0);
    await sheet.getByRole('listitem', { name: `주문 ${orders[0]!.orderNumber}` }).waitFor();
    await context.close();
  });

  it('an answer lost after the server placed the order: sent again with the same key, one order', async () => {
    const proxy = await AnswerDroppingProxy.start(
      server.baseUrl,
      (method, path) => method === 'POST' && path.startsWith('/api/v1/table/orders'),
    );
    try {
      const { context, page } = await tablet(2, proxy.baseUrl);
      proxy.dropNext(1);
      await order(page, '계란말이');
      const orders = await boardOrders(2, 1);
      expect(orders).toHaveLength(1);
      await staysAt(2, 1);
      // The server got the order twice (the dropped answer and the resend), with one key.
      const posts = proxy.seen;
      expect(posts.length).toBeGreaterThanOrEqual(2);
      expect(posts[0]).toMatchObject({ status: 201, dropped: true });
      expect(new Set(posts.map((p) => p.idempotencyKey)).size).toBe(1);
      expect(posts.at(-1)).toMatchObject({ status: 201, dropped: false });
      // The tablet shows the one order as placed, nothing waiting.
      const sheet = page.getByRole('dialog', { name: '주문내역' });
      await sheet.getByRole('listitem', { name: `주문 ${orders[0]!.orderNumber}` }).waitFor();
      expect(await sheet.getByRole('listitem', { name: '전송 대기 중' }).count()).toBe(0);
      await context.close();
    } finally {
      await proxy.close();
    }
  });

  it('a reload while an order waits keeps it, and it is still sent once', async () => {
    const { context, page } = await tablet(3);
    const restore = await cutOrders(context);
    await order(page, '김치찌개');
    await expectQueued(page, 1);
    await page.reload();
    await page.getByRole('button', { name: /^김치찌개, / }).waitFor();
    await page.getByRole('button', { name: '주문내역 1건' }).click();
    await expectQueued(page, 1);
    expect(await admin.tableOrders(3)).toHaveLength(0);
    await restore();
    // The outbox's next probe (backoff) sends it.
    const orders = await boardOrders(3, 1);
    expect(orders.map((o) => o.items.map((i) => i.name))).toEqual([['김치찌개']]);
    await staysAt(3, 1);
    await context.close();
  });

  it('two waiting orders are sent in the order they were confirmed', async () => {
    const { context, page } = await tablet(4);
    const restore = await cutOrders(context);
    await order(page, '된장찌개');
    await expectQueued(page, 1);
    await page.keyboard.press('Escape');
    // The outbox is not empty: the second order queues behind the first without trying to overtake it.
    await order(page, '제육볶음');
    await expectQueued(page, 2);
    await page.screenshot({ animations: 'disabled', path: shot('customer-outbox-two-pending-1280x800') });
    await restore();
    const orders = await boardOrders(4, 2);
    expect(orders).toHaveLength(2);
    // Newest first on the board: 제육볶음 got the later order number.
    const [newest, oldest] = orders;
    expect(oldest!.items.map((i) => i.name)).toEqual(['된장찌개']);
    expect(newest!.items.map((i) => i.name)).toEqual(['제육볶음']);
    expect(oldest!.orderNumber < newest!.orderNumber).toBe(true);
    await staysAt(4, 2);
    await context.close();
  });

  it('a dish sold out while its order waited: refused, shown, and back in the cart', async () => {
    const { context, page } = await tablet(5);
    const restore = await cutOrders(context);
    await order(page, '불고기');
    await expectQueued(page, 1);
    await page.keyboard.press('Escape');
    await admin.setSoldOut('불고기', true);
    try {
      await restore();
      const refused = page.getByRole('dialog', { name: '주문이 접수되지 않았습니다' });
      await refused.getByText(/불고기\(품절\).*장바구니로 돌려놓았습니다/).waitFor({ timeout: 45_000 });
      await page.screenshot({ animations: 'disabled', path: shot('customer-outbox-refused-1280x800') });
      await refused.getByRole('button', { name: '확인' }).click();
      const line = cartPanel(page).getByRole('listitem').filter({ hasText: '불고기' });
      await line.getByText('품절').waitFor();
      expect(await admin.tableOrders(5)).toHaveLength(0);
      await page.getByRole('button', { name: '주문내역', exact: true }).click();
      await page.getByRole('dialog', { name: '주문내역' }).getByText('아직 주문한 메뉴가 없습니다').waitFor();
    } finally {
      await admin.setSoldOut('불고기', false);
    }
    await context.close();
  });

  it('an order that waited 15 minutes is not sent silently: the guest confirms it first', async () => {
    const { context, page } = await tablet(6, server.baseUrl, (p) => p.clock.install());
    await context.setOffline(true);
    await order(page, '해물파전');
    await expectQueued(page, 1);
    await page.keyboard.press('Escape');
    await page.clock.fastForward('15:00');
    await context.setOffline(false);
    const ask = page.getByRole('dialog', { name: '아직 보내지 못한 주문이 있습니다' });
    await ask.getByText(/15분 전에 하신 주문이 아직 전송되지 않았습니다/).waitFor({ timeout: 45_000 });
    expect(await ask.textContent()).toContain('해물파전');
    await page.screenshot({ animations: 'disabled', path: shot('customer-outbox-confirm-old-1280x800') });
    // It waits for the guest: nothing reaches the board meanwhile.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await admin.tableOrders(6)).toHaveLength(0);
    await ask.getByRole('button', { name: '지금 보내기' }).click();
    const orders = await boardOrders(6, 1);
    expect(orders.map((o) => o.items.map((i) => i.name))).toEqual([['해물파전']]);
    await staysAt(6, 1);
    await context.close();
  });
});
