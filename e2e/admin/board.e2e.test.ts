// The live board: a new order appears highlighted within 2 s, status buttons, delete, checkout and
// past orders, a 100-table board, and the two screen sizes.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, shot } from '../support/browser.js';
import type { ApiProcess } from '../../tests/support/api-server.js';
import {
  adminToken,
  itemId,
  loginUi,
  openAdmin,
  placeOrder,
  setup,
  shortNo,
  tableCard,
  tableMenu,
  tableToken,
  text,
  waitLive,
  won,
  TABLET,
  type Order,
  type TableMenu,
} from './helpers.js';

describe('live board', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let menu: TableMenu;
  const tokens = new Map<number, string>();
  const token = async (n: number) => {
    let t = tokens.get(n);
    if (!t) {
      t = await tableToken(server.baseUrl, n);
      tokens.set(n, t);
    }
    return t;
  };
  const order = async (table: number, lines: [string, number][], note?: string): Promise<Order> =>
    placeOrder(
      server.baseUrl,
      await token(table),
      lines.map(([name, quantity]) => ({ menuItemId: itemId(menu, name), quantity })),
      note,
    );

  beforeAll(async () => {
    ({ server, browser } = await setup());
    menu = await tableMenu(server.baseUrl, await token(1));
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await waitLive(page);
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
  });

  it('shows every table in number order, idle ones as empty', async () => {
    const titles = await page.getByRole('article').getByRole('heading').allInnerTexts();
    expect(titles).toEqual(Array.from({ length: 10 }, (_, i) => `테이블 ${i + 1}`));
    expect(await text(tableCard(page, 5))).toContain('빈 테이블');
  });

  it('an order placed on a tablet appears highlighted on the board within 2 s', async () => {
    const placedAt = Date.now();
    const o = await order(3, [
      ['김치찌개', 2],
      ['공기밥', 1],
    ]);
    const row = tableCard(page, 3).getByRole('button', {
      name: new RegExp(`주문 #${shortNo(o)}.*김치찌개 ×2.*공기밥 ×1`),
    });
    await row.waitFor({ timeout: 2000 });
    const seenAfter = Date.now() - placedAt;
    expect(seenAfter).toBeLessThan(2000);
    // Highlighted: the row carries the pending style (coloured) and pulses once; the card gets a coloured edge.
    expect(await row.getAttribute('class')).toContain('order-row--pending');
    expect(await row.getAttribute('class')).toContain('order-row--pulse');
    const bg = await row.evaluate('(el) => getComputedStyle(el).backgroundColor');
    expect(bg).not.toBe('rgb(255, 255, 255)');
    expect(await tableCard(page, 3).getAttribute('class')).toContain('card--pending');
    expect(await text(tableCard(page, 3))).toContain(won(19_000));
    expect(await text(tableCard(page, 3))).toContain('신규 1');
  });

  it('order detail: lines, note, and only the allowed status moves; the highlight ends when it leaves pending', async () => {
    const o = await order(
      6,
      [
        ['제육볶음', 1],
        ['맥주', 2],
      ],
      '덜 맵게 해주세요',
    );
    const card = tableCard(page, 6);
    await card.getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}`) }).click();
    const drawer = page.getByRole('dialog', { name: `주문 상세 #${shortNo(o)}` });
    await drawer.waitFor();
    const body = await text(drawer);
    expect(body).toContain('제육볶음');
    expect(body).toContain('×2');
    expect(body).toContain('덜 맵게 해주세요');
    expect(body).toContain(won(21_000));
    expect(body).toContain(o.orderNumber);
    await page.screenshot({ path: shot('admin-order-detail') });

    // pending: big "준비 시작", plus a skip to completed; no way back.
    expect(await drawer.getByRole('button', { name: '준비 시작' }).isVisible()).toBe(true);
    expect(await drawer.getByRole('button', { name: '바로 완료' }).isVisible()).toBe(true);
    await drawer.getByRole('button', { name: '준비 시작' }).click();
    await drawer.getByRole('button', { name: '완료 처리' }).waitFor();
    expect(await drawer.getByRole('button', { name: '준비 시작' }).count()).toBe(0);
    const row = card.getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}.*준비중`) });
    await row.waitFor();
    expect(await row.getAttribute('class')).not.toContain('order-row--pending');
    expect(await card.getAttribute('class')).not.toContain('card--pending');

    await drawer.getByRole('button', { name: '완료 처리' }).click();
    await drawer.getByText('완료된 주문입니다.').waitFor();
    const admin = await adminToken(server.baseUrl);
    const saved = await api<Order>(server.baseUrl, admin, 'GET', `/api/v1/admin/orders/${o.id}`);
    expect(saved.body.status).toBe('completed');
    await drawer.getByRole('button', { name: '닫기' }).click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('a status change made elsewhere reaches the board', async () => {
    const o = await order(7, [['콜라', 1]]);
    const card = tableCard(page, 7);
    await card
      .getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}.*대기중`) })
      .waitFor({ timeout: 2000 });
    const admin = await adminToken(server.baseUrl);
    await api(server.baseUrl, admin, 'PATCH', `/api/v1/admin/orders/${o.id}`, { status: 'preparing' });
    await card
      .getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}.*준비중`) })
      .waitFor({ timeout: 2000 });
  });

  it('deleting an order asks first, names it, and the card total updates at once', async () => {
    const keep = await order(4, [['김치찌개', 1]]);
    const wrong = await order(4, [['콜라', 1]]);
    const card = tableCard(page, 4);
    await card.getByText(won(11_000)).waitFor({ timeout: 2000 });

    await card.getByRole('button', { name: new RegExp(`주문 #${shortNo(wrong)}`) }).click();
    const drawer = page.getByRole('dialog', { name: `주문 상세 #${shortNo(wrong)}` });
    await drawer.getByRole('button', { name: '주문 삭제' }).click();
    const confirm = page.getByRole('alertdialog', { name: '주문 삭제' });
    expect(await text(confirm)).toContain(`테이블 4의 주문 #${shortNo(wrong)} (${won(2_000)}) 삭제할까요?`);
    // Cancel keeps it.
    await confirm.getByRole('button', { name: '취소' }).click();
    await confirm.waitFor({ state: 'detached' });
    await drawer.getByRole('button', { name: '주문 삭제' }).click();
    await confirm.getByRole('button', { name: '삭제' }).click();
    await drawer.waitFor({ state: 'detached' });
    await card.getByText(won(9_000)).waitFor({ timeout: 1000 });
    expect(await card.getByRole('button', { name: new RegExp(`주문 #${shortNo(wrong)}`) }).count()).toBe(0);
    expect(await card.getByRole('button', { name: new RegExp(`주문 #${shortNo(keep)}`) }).count()).toBe(1);
    expect(await text(card)).toContain('주문 1건');
  });

  it('checkout names the table and total, clears the card, and the order shows in past orders by date', async () => {
    const card = tableCard(page, 4);
    await card.getByRole('button', { name: '테이블 4 이용 완료' }).click();
    const confirm = page.getByRole('alertdialog', { name: '이용 완료' });
    expect(await text(confirm)).toContain(`테이블 4 이용 완료 처리할까요? 합계 ${won(9_000)}`);
    await confirm.getByRole('button', { name: '이용 완료 처리' }).click();
    await confirm.waitFor({ state: 'detached' });
    await card.getByText('빈 테이블').waitFor({ timeout: 1000 });
    expect(await text(card)).toContain(won(0));
    expect(await card.getByRole('button', { name: '테이블 4 이용 완료' }).count()).toBe(0);

    await card.getByRole('button', { name: '테이블 4 과거 내역' }).click();
    const history = page.getByRole('region', { name: '테이블 4 과거 내역' });
    await history.waitFor();
    const item = history.getByRole('listitem').filter({ hasText: '김치찌개 ×1' });
    await item.waitFor();
    expect(await text(item)).toMatch(/이용 완료 \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    expect(await text(item)).not.toContain('콜라'); // the deleted order is gone for good

    // A range before today has nothing; today's range finds it again.
    const from = history.getByLabel('시작일');
    const to = history.getByLabel('종료일');
    const today = await to.inputValue();
    await from.fill('2020-01-01');
    await to.fill('2020-01-31');
    await history.getByRole('button', { name: '조회' }).click();
    await history.getByText('이 기간에 이용 완료된 주문이 없습니다').waitFor();
    await from.fill(today);
    await to.fill(today);
    await history.getByRole('button', { name: '조회' }).click();
    await item.waitFor();
    await page.screenshot({ path: shot('admin-history') });

    await history.getByRole('button', { name: '닫기' }).click();
    await tableCard(page, 1).waitFor();
  });

  it('past orders are paged, newest first', async () => {
    const t = await token(8);
    const admin = await adminToken(server.baseUrl);
    const numbers: string[] = [];
    // 22 one-order sessions: more than one page (20).
    for (let i = 0; i < 22; i++) {
      const o = await placeOrder(server.baseUrl, t, [{ menuItemId: itemId(menu, '소주'), quantity: 1 }]);
      numbers.push(shortNo(o));
      const tables = await api<{ items: { id: number; number: number }[] }>(
        server.baseUrl,
        admin,
        'GET',
        '/api/v1/admin/tables',
      );
      const id = tables.body.items.find((x) => x.number === 8)?.id ?? 0;
      await api(server.baseUrl, admin, 'POST', `/api/v1/admin/tables/${id}/checkout`);
    }
    await tableCard(page, 8).getByRole('button', { name: '테이블 8 과거 내역' }).click();
    const history = page.getByRole('region', { name: '테이블 8 과거 내역' });
    const list = history.getByRole('listitem');
    await list.first().waitFor();
    expect(await list.count()).toBe(20);
    const newest = await list.first().getByRole('article').getAttribute('aria-label');
    expect(newest).toBe(`주문 #${numbers.at(-1) ?? ''}`);
    await history.getByRole('button', { name: '더 보기' }).click();
    await expect.poll(() => list.count()).toBe(22);
    expect(await history.getByRole('button', { name: '더 보기' }).count()).toBe(0);
    await history.getByRole('button', { name: '닫기' }).click();
    await tableCard(page, 8).getByText('빈 테이블').waitFor();
  });

  it('filters by table and refreshes by hand', async () => {
    const filter = page.getByLabel('테이블 필터');
    await filter.fill('3, 6-7');
    await expect.poll(() => page.getByRole('article').count()).toBe(3);
    await filter.fill('');
    await page.getByRole('checkbox', { name: '이용 중인 테이블만' }).check();
    await expect.poll(() => page.getByRole('article').count()).toBe(3); // tables 3, 6, 7 are open
    await page.getByRole('checkbox', { name: '이용 중인 테이블만' }).uncheck();
    await page.getByRole('button', { name: '새로고침' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(10);
  });

  it('looks right for a dinner service (screenshots at 1920×1080 and 1280×800)', async () => {
    await order(
      1,
      [
        ['불고기', 2],
        ['공기밥', 2],
        ['맥주', 2],
      ],
      '아이 의자 하나 부탁드려요',
    );
    await order(2, [
      ['해물파전', 1],
      ['소주', 2],
    ]);
    const o2 = await order(2, [['계란말이', 1]]);
    await order(5, [
      ['된장찌개', 1],
      ['공기밥', 1],
    ]);
    await order(9, [['식혜', 3]]);
    const admin = await adminToken(server.baseUrl);
    await api(server.baseUrl, admin, 'PATCH', `/api/v1/admin/orders/${o2.id}`, { status: 'preparing' });
    await tableCard(page, 9).getByText(won(9_000)).waitFor({ timeout: 2000 });
    await page.screenshot({ path: shot('admin-board') });

    const small = await openAdmin(browser, server.baseUrl, TABLET);
    await loginUi(small.page);
    await tableCard(small.page, 9).getByText(won(9_000)).waitFor();
    await small.page.screenshot({ path: shot('admin-board-1280x800') });
    // Nothing overflows sideways on the tablet.
    const overflow = await small.page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await small.context.close();
  });

  it('a board of 100 tables stays usable', async () => {
    const admin = await adminToken(server.baseUrl);
    for (let n = 11; n <= 100; n++) {
      const r = await api(server.baseUrl, admin, 'POST', '/api/v1/admin/tables', {
        number: n,
        password: '1234',
      });
      expect(r.status).toBe(201);
    }
    await page.getByRole('button', { name: '새로고침' }).click();
    await expect.poll(() => page.getByRole('article').count()).toBe(100);
    // An order on table 100 still arrives live and is found with the filter.
    const started = Date.now();
    const o = await order(100, [['콜라', 1]]);
    await tableCard(page, 100)
      .getByRole('button', { name: new RegExp(`주문 #${shortNo(o)}`) })
      .waitFor({ timeout: 2000 });
    expect(Date.now() - started).toBeLessThan(2000);
    await page.getByLabel('테이블 필터').fill('100');
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await page.getByLabel('테이블 필터').fill('');
    await page.screenshot({ path: shot('admin-board-100-tables') });
  });

  it('the order sound is off by default; switched on, a new order chimes', async () => {
    // Count the chimes by watching WebAudio oscillators (two per chime).
    await context.addInitScript(
      `(() => { const C = window.AudioContext; const create = C.prototype.createOscillator; window.__oscillators = 0;
        C.prototype.createOscillator = function () { window.__oscillators++; return create.call(this); }; })()`,
    );
    await page.reload();
    await tableCard(page, 1).waitFor();
    const toggle = page.getByRole('button', { name: '새 주문·직원 호출 알림음' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await order(10, [['콜라', 1]]);
    await tableCard(page, 10).getByText(won(2_000)).waitFor({ timeout: 2000 });
    expect(await page.evaluate('window.__oscillators')).toBe(0);

    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    const afterToggle = await page.evaluate<number>('window.__oscillators');
    await order(10, [['사이다', 1]]);
    await expect.poll(() => page.evaluate<number>('window.__oscillators')).toBeGreaterThan(afterToggle);
    // The choice survives a reload.
    await page.reload();
    await tableCard(page, 1).waitFor();
    expect(
      await page.getByRole('button', { name: '새 주문·직원 호출 알림음' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });
});
