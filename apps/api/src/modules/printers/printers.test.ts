import type { Printer } from '@table-order/contracts';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakePrinter } from '../../../../../tests/support/fake-printer.js';
import { waitUntil } from '../../../../../tests/support/common.js';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';
import { reachesTable } from '../events/index.js';
import { startPrintWorker, type PrintWorker } from './index.js';

// Short timings so an outage, a stalled printer and retries take a second, not minutes (the defaults:
// 30 s backoff cap, 3 s connect, 10 s write, 30 s lease).
const PRINT_ENV = {
  PRINT_POLL_MS: '40',
  PRINT_BACKOFF_MAX_MS: '200',
  PRINT_CONNECT_TIMEOUT_MS: '500',
  PRINT_WRITE_TIMEOUT_MS: '700',
  PRINT_LEASE_MS: '3000',
};

describe('ticket printers', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let worker: PrintWorker;
  let kitchen: FakePrinter;
  let bar: FakePrinter;
  let counter: FakePrinter;
  let tab: Client;
  const ids = { kitchen: 0, bar: 0, counter: 0 };

  const list = async (admin = a.admin) =>
    (await admin.get<{ items: Printer[] }>('/api/v1/admin/printers')).body.items;
  const order = async (items: { menuItemId: number; quantity: number }[], note?: string) => {
    const r = await tab.post<{ id: number; orderNumber: string }>(
      '/api/v1/table/orders',
      { items, ...(note ? { note } : {}) },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const arrived = (p: FakePrinter, n: number) =>
    waitUntil(() => Promise.resolve(p.tickets.length >= n), 10_000);

  beforeAll(async () => {
    t = await createTestApp(PRINT_ENV);
    a = await seedStore(t, 'store-a');
    b = await seedStore(t, 'store-b');
    tab = await a.tableClient(1);
    [kitchen, bar, counter] = await Promise.all([
      FakePrinter.start(),
      FakePrinter.start(),
      FakePrinter.start(),
    ]);
    worker = startPrintWorker(t.runtime.ctx);
  });
  afterAll(async () => {
    await worker.stop();
    await Promise.all([kitchen.stop(), bar.stop(), counter.stop()]);
    await t.close();
  });
  afterEach(() => {
    kitchen.delayMs = 0;
    kitchen.stalled = false;
  });

  it('owners add, change and delete printers; the body is validated; staff read only', async () => {
    const add = (body: unknown) => a.admin.post<Printer>('/api/v1/admin/printers', body);
    const k = await add({
      name: '주방',
      host: '127.0.0.1',
      port: kitchen.port,
      role: 'kitchen',
      categoryIds: [a.categories[0]!.id],
      paperWidth: 80,
    });
    expect(k.status, JSON.stringify(k.body)).toBe(201);
    expect(k.body).toMatchObject({
      name: '주방',
      enabled: true,
      state: { status: 'ok', since: null, queued: 0 },
    });
    ids.kitchen = k.body.id;
    const bb = await add({
      name: '바',
      host: '127.0.0.1',
      port: bar.port,
      role: 'kitchen',
      categoryIds: [a.categories[1]!.id],
      paperWidth: 58,
    });
    ids.bar = bb.body.id;
    const c = await add({ name: '카운터', host: 'localhost', port: counter.port, role: 'receipt' });
    expect(c.body).toMatchObject({ port: counter.port, paperWidth: 80, categoryIds: [] });
    ids.counter = c.body.id;
    const patched = await a.admin.patch<Printer>(`/api/v1/admin/printers/${ids.counter}`, {
      host: '127.0.0.1',
    });
    expect(patched.body.host).toBe('127.0.0.1');

    expectError(await add({ name: 'x', host: 'bad host!', role: 'kitchen' }), 422, 'validation_failed');
    expectError(await add({ name: 'x', host: '10.0.0.9', port: 70_000, role: 'kitchen' }), 422);
    expectError(await add({ name: 'x', host: '10.0.0.9', role: 'kitchen', paperWidth: 70 }), 422);
    expectError(await add({ name: 'x', host: '10.0.0.9', role: 'printer' }), 422);
    // A category of another store is not one of this store's.
    expectError(
      await add({ name: 'x', host: '10.0.0.9', role: 'kitchen', categoryIds: [b.categories[0]!.id] }),
      422,
      'unknown_category',
    );
    // Another store's printer does not exist for this one.
    expectError(await b.admin.patch(`/api/v1/admin/printers/${ids.kitchen}`, { name: 'x' }), 404);
    expect(await list(b.admin)).toEqual([]);

    const staffAccount = await a.admin.post('/api/v1/admin/accounts', {
      username: 'alba',
      password: 'alba-pass-1',
      role: 'staff',
    });
    expect(staffAccount.status).toBe(201);
    const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/admin/login', {
      storeIdentifier: a.identifier,
      username: 'alba',
      password: 'alba-pass-1',
    });
    const staff = client(t.app, login.body.accessToken);
    expect((await list(staff)).map((p) => p.name)).toEqual(['주방', '바', '카운터']);
    expectError(
      await staff.post('/api/v1/admin/printers', { name: 'x', host: '10.0.0.9', role: 'kitchen' }),
      403,
    );
    expectError(await staff.patch(`/api/v1/admin/printers/${ids.bar}`, { enabled: false }), 403);
    expectError(await staff.delete(`/api/v1/admin/printers/${ids.bar}`), 403);
    expectError(await tab.get('/api/v1/admin/printers'), 403);
  });

  it('each kitchen printer gets only the lines of its categories, in Korean', async () => {
    const [stew, , cola] = a.items;
    const o = await order(
      [
        { menuItemId: stew!.id, quantity: 2 },
        { menuItemId: cola!.id, quantity: 1 },
      ],
      '덜 맵게 해주세요',
    );
    await arrived(kitchen, 1);
    await arrived(bar, 1);
    const k = kitchen.joined()[0]!;
    expect(k).toContain('1번 테이블');
    expect(k).toContain(`주문번호 ${o.orderNumber}`);
    expect(k).toMatch(/김치찌개 +x2/);
    expect(k).toContain('요청: 덜 맵게 해주세요');
    expect(k).not.toContain('콜라');
    expect(k).not.toContain('재출력');
    // The time is the store's (Asia/Seoul): the test clock's 03:00 UTC is 12:00 there.
    expect(k).toContain('2026-03-10 12:00');
    const drinks = bar.joined()[0]!;
    expect(drinks).toMatch(/콜라 +x1/);
    expect(drinks).not.toContain('김치찌개');
    // 58 mm paper: no printed line is wider than 32 columns.
    for (const line of bar.texts()[0]!) expect(Buffer.from(line.trimEnd(), 'utf8').length).toBeLessThan(200);
    expect(counter.tickets).toHaveLength(0);
  });

  it('a printer that is down queues its tickets, shows failing, and prints them all in order once back', async () => {
    const before = kitchen.tickets.length;
    await kitchen.stop();
    const numbers: string[] = [];
    for (let i = 0; i < 4; i++)
      numbers.push((await order([{ menuItemId: a.items[1]!.id, quantity: i + 1 }])).orderNumber);
    await waitUntil(async () => {
      const k = (await list()).find((p) => p.id === ids.kitchen)!;
      return k.state.status === 'failing' && k.state.queued === 4;
    }, 10_000);
    const failing = (await list()).find((p) => p.id === ids.kitchen)!;
    expect(failing.state.since).not.toBeNull();
    expect(failing.state.lastError).toBe('ECONNREFUSED');
    // The change was recorded as printer.state, which no tablet stream carries.
    const events = await t.runtime.ctx.db
      .selectFrom('events')
      .select(['type', 'table_id', 'payload'])
      .where('type', '=', 'printer.state')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events)
      expect(reachesTable({ type: e.type, tableId: e.table_id, payload: e.payload }, a.tables[0]!.id)).toBe(
        false,
      );

    await kitchen.listen();
    await arrived(kitchen, before + 4);
    const printed = kitchen.joined().slice(before);
    expect(printed.map((txt) => /주문번호 (\S+)/.exec(txt)?.[1])).toEqual(numbers);
    expect(printed.every((txt) => !txt.includes('재출력'))).toBe(true);
    // The printer has every byte a moment before the worker marks its last job sent: wait for both.
    await waitUntil(async () => {
      const k = (await list()).find((p) => p.id === ids.kitchen)!;
      return k.state.status === 'ok' && k.state.queued === 0;
    }, 5000);
    expect((await list()).find((p) => p.id === ids.kitchen)!.state).toMatchObject({ queued: 0, since: null });
  });

  it('a printer that stops reading gets the ticket again, marked 재출력', async () => {
    const before = kitchen.tickets.length;
    kitchen.stalled = true;
    const conns = kitchen.connections;
    await order([{ menuItemId: a.items[0]!.id, quantity: 1 }]);
    await waitUntil(() => Promise.resolve(kitchen.connections > conns), 5000);
    kitchen.stalled = false;
    await arrived(kitchen, before + 1);
    expect(kitchen.joined()[before]).toContain('재출력');
  });

  it('staff reprint an order (202) and it comes out marked 재출력; no printer for it is 409', async () => {
    const first = kitchen.tickets.length;
    const o = await order([{ menuItemId: a.items[0]!.id, quantity: 3 }]);
    await arrived(kitchen, first + 1);
    const before = first + 1;
    const r = await a.admin.post<{ jobs: number }>(`/api/v1/admin/orders/${o.id}/print`);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ jobs: 1 });
    await arrived(kitchen, before + 1);
    const again = kitchen.joined().at(-1)!;
    expect(again).toContain('재출력');
    expect(again).toContain(`주문번호 ${o.orderNumber}`);
    expectError(await b.admin.post(`/api/v1/admin/orders/${o.id}/print`), 404);
    expectError(await tab.post(`/api/v1/admin/orders/${o.id}/print`), 403);
    // A disabled printer gets no jobs.
    await a.admin.patch(`/api/v1/admin/printers/${ids.kitchen}`, { enabled: false });
    await a.admin.patch(`/api/v1/admin/printers/${ids.counter}`, { enabled: false });
    expectError(await a.admin.post(`/api/v1/admin/orders/${o.id}/print`), 409, 'no_printer');
    await a.admin.patch(`/api/v1/admin/printers/${ids.kitchen}`, { enabled: true });
    await a.admin.patch(`/api/v1/admin/printers/${ids.counter}`, { enabled: true });
  });

  it('checkout prints the bill on the receipt printer', async () => {
    const before = counter.tickets.length;
    const r = await a.admin.post<{ total: number }>(`/api/v1/admin/tables/${a.tables[0]!.id}/checkout`);
    expect(r.status).toBe(200);
    await arrived(counter, before + 1);
    const bill = counter.joined().at(-1)!;
    expect(bill).toContain('계산서');
    expect(bill).toContain('1번 테이블');
    expect(bill).toMatch(new RegExp(`합계 +${r.body.total.toLocaleString('en-US')}원`));
  });

  it('test print reaches the printer', async () => {
    const before = bar.tickets.length;
    const r = await a.admin.post(`/api/v1/admin/printers/${ids.bar}/test`);
    expect(r.status).toBe(202);
    await arrived(bar, before + 1);
    expect(bar.joined().at(-1)).toContain('한글 출력 확인: 가나다라마바사');
  });

  it('a slow printer does not slow ordering', async () => {
    kitchen.delayMs = 1500;
    const before = kitchen.tickets.length;
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) await order([{ menuItemId: a.items[0]!.id, quantity: 1 }]);
    expect(performance.now() - t0).toBeLessThan(1000);
    expect(kitchen.tickets.length).toBe(before);
    await arrived(kitchen, before + 5);
  });

  it('deleting a printer drops its queued jobs', async () => {
    await kitchen.stop();
    await order([{ menuItemId: a.items[0]!.id, quantity: 1 }]);
    expect((await a.admin.delete(`/api/v1/admin/printers/${ids.kitchen}`)).status).toBe(204);
    expect((await list()).map((p) => p.id)).not.toContain(ids.kitchen);
    const left = await t.runtime.ctx.db
      .selectFrom('print_jobs')
      .select('id')
      .where('printer_id', '=', ids.kitchen)
      .execute();
    expect(left).toEqual([]);
    expectError(await a.admin.delete(`/api/v1/admin/printers/${ids.kitchen}`), 404);
  });
});
