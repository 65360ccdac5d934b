// Ticket printers (SPEC 15) from the dashboard: the owner adds a printer that points at a fake network
// printer and test-prints, a tablet orders and its ticket arrives in Korean, staff reprint it from the
// order detail (a second ticket marked 재출력), and the board shows the printer failing while it is off.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiProcess } from '../../tests/support/api-server.js';
import { waitUntil } from '../../tests/support/common.js';
import { FakePrinter } from '../../tests/support/fake-printer.js';
import { seriousViolations } from '../support/axe.js';
import { shot } from '../support/browser.js';
import { setupTablet } from '../support/tablet.js';
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
  TABLET,
} from './helpers.js';

describe('ticket printers from the dashboard', () => {
  let server: ApiProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let printer: FakePrinter;
  const printed = (n: number) => waitUntil(() => Promise.resolve(printer.tickets.length >= n), 15_000);

  beforeAll(async () => {
    printer = await FakePrinter.start();
    ({ server, browser } = await setup({ PRINT_POLL_MS: '100', PRINT_BACKOFF_MAX_MS: '500' }));
    ({ context, page } = await openAdmin(browser, server.baseUrl));
    await loginUi(page);
    await waitLive(page);
  });
  afterAll(async () => {
    await context.close();
    await browser.close();
    await server.dispose();
    await printer.stop();
  });

  it('the owner adds a printer and a test ticket prints in Korean', async () => {
    await page.getByRole('link', { name: '프린터' }).click();
    await page.getByRole('heading', { name: '주문서 프린터' }).waitFor();
    const form = page.getByRole('form', { name: '프린터 추가' });
    await form.getByLabel('이름').fill('주방');
    await form.getByLabel('IP 주소').fill('127.0.0.1');
    await form.getByLabel('포트').fill(String(printer.port));
    await form.getByRole('button', { name: '추가', exact: true }).click();
    const row = page.getByRole('row', { name: /주방/ });
    await row.getByText('정상').waitFor();
    await row.getByRole('button', { name: '주방 테스트 출력' }).click();
    await printed(1);
    expect(printer.joined()[0]).toContain('한글 출력 확인: 가나다라마바사 아자차카타파하');
    await page.screenshot({ animations: 'disabled', path: shot('admin-printers-1920x1080') });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('a tablet order prints its ticket; staff reprint it from the order detail, marked 재출력', async () => {
    const tablet = await (
      await browser.newContext({ viewport: TABLET, locale: 'ko-KR', timezoneId: 'Asia/Seoul' })
    ).newPage();
    await setupTablet(tablet, server.baseUrl, 2);
    await tablet.getByRole('button', { name: '된장찌개 담기' }).click();
    await tablet
      .getByRole('complementary', { name: '장바구니' })
      .getByRole('button', { name: '주문하기', exact: true })
      .click();
    await tablet
      .getByRole('dialog', { name: '주문 확인' })
      .getByRole('button', { name: /주문하기$/ })
      .click();
    await tablet.getByRole('dialog', { name: '주문이 접수되었습니다' }).waitFor();
    await tablet.context().close();

    await printed(2);
    const ticket = printer.joined()[1]!;
    expect(ticket).toContain('2번 테이블');
    expect(ticket).toMatch(/된장찌개 +x1/);
    expect(ticket).not.toContain('재출력');
    const no = /주문번호 \d{8}-(\d{4})/.exec(ticket)?.[1];
    expect(no).toBeDefined();

    await page.getByRole('link', { name: '주문 현황' }).click();
    await tableCard(page, 2)
      .getByRole('button', { name: new RegExp(`주문 #${no}`) })
      .click();
    const drawer = page.getByRole('dialog', { name: `주문 상세 #${no}` });
    await drawer.getByRole('button', { name: `주문 #${no} 주문서 재출력` }).click();
    await page.getByRole('status').getByText(`주문 #${no} 주문서를 다시 출력합니다.`).waitFor();
    await printed(3);
    const again = printer.joined()[2]!;
    expect(again).toContain('재출력');
    expect(again).toContain('2번 테이블');
    await page.screenshot({ animations: 'disabled', path: shot('admin-reprint-1920x1080') });
    await page.keyboard.press('Escape');
  });

  it('the board shows the printer failing while it is off, and the ticket prints once it is back', async () => {
    await printer.stop();
    const token = await tableToken(server.baseUrl, 3);
    const menu = await tableMenu(server.baseUrl, token);
    const o = await placeOrder(server.baseUrl, token, [
      { menuItemId: itemId(menu, '된장찌개'), quantity: 2 },
    ]);
    const strip = page.getByRole('list', { name: '프린터 상태' });
    await strip.getByText(/오류 · \d{2}:\d{2}부터/).waitFor({ timeout: 15_000 });
    await page.screenshot({ animations: 'disabled', path: shot('admin-printer-failing-1920x1080') });
    await printer.listen();
    await printed(4);
    expect(printer.joined()[3]).toContain(`주문번호 ${o.orderNumber}`);
    expect(shortNo(o)).toHaveLength(4);
    await strip.getByText('정상').waitFor({ timeout: 15_000 });
  });
});
