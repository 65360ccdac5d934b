// Ticket printers with real server processes on one MariaDB: two instances print each job exactly once
// and in order, and a server SIGKILLed between claiming a job and finishing its send does not lose it:
// after the claim's lease the job is sent again, marked 재출력.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiProcess } from '../../../tests/support/api-server.js';
import { sleep, waitUntil } from '../../../tests/support/common.js';
import { FakePrinter } from '../../../tests/support/fake-printer.js';
import { createMysqlDatabase } from '../../../tests/support/mariadb.js';
import { http } from '../../../tests/support/http.js';
import {
  loginAdmin,
  loginTables,
  openDb,
  seedDatabase,
  type SeededStore,
} from '../../../tests/support/seed.js';

const PRINT_ENV = {
  PRINT_POLL_MS: '50',
  PRINT_BACKOFF_MAX_MS: '300',
  PRINT_CONNECT_TIMEOUT_MS: '500',
  PRINT_WRITE_TIMEOUT_MS: '5000',
  PRINT_LEASE_MS: '6000',
};

describe('ticket printers with two server instances on one MariaDB', () => {
  let db: Awaited<ReturnType<typeof createMysqlDatabase>>;
  let store: SeededStore;
  let apis: ApiProcess[] = [];
  let printer: FakePrinter;
  let tablets: { tableId: number; token: string }[];
  let admin: string;

  const order = async (api: ApiProcess, token: string, quantity: number) => {
    const r = await http(api.baseUrl, 'POST', '/api/v1/table/orders', {
      token,
      body: { items: [{ menuItemId: store.items[0]!.id, quantity }] },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(r.status, r.text).toBe(201);
    return r.json<{ id: number; orderNumber: string }>();
  };

  beforeAll(async () => {
    db = await createMysqlDatabase('to_print');
    [store] = (await seedDatabase(db.url, [{ identifier: 'print', tables: 4 }])) as [SeededStore];
    const env = { DATABASE_URL: db.url, ...PRINT_ENV };
    apis = await Promise.all([
      ApiProcess.start(env, { name: 'api-1' }),
      ApiProcess.start(env, { name: 'api-2' }),
    ]);
    tablets = await loginTables(apis[0]!.baseUrl, store);
    admin = await loginAdmin(apis[0]!.baseUrl, store);
    printer = await FakePrinter.start();
    const r = await http(apis[0]!.baseUrl, 'POST', '/api/v1/admin/printers', {
      token: admin,
      body: { name: '주방', host: '127.0.0.1', port: printer.port, role: 'kitchen' },
    });
    expect(r.status, r.text).toBe(201);
  });

  afterAll(async () => {
    await Promise.all(apis.map((a) => a.dispose()));
    await printer?.stop();
    await db?.drop();
  });

  it('each job is printed exactly once, in order, though both instances send', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 30; i++) {
      const api = apis[i % 2]!;
      numbers.push((await order(api, tablets[i % tablets.length]!.token, 1 + (i % 5))).orderNumber);
    }
    await waitUntil(() => Promise.resolve(printer.tickets.length >= 30), 20_000);
    await sleep(1000); // a duplicate would arrive now
    const printed = printer.joined().map((t) => /주문번호 (\S+)/.exec(t)?.[1]);
    expect(printed).toEqual(numbers);
    expect(printer.joined().some((t) => t.includes('재출력'))).toBe(false);
  });

  it('a server killed between claiming a job and finishing it: the job is sent again, marked 재출력', async () => {
    const before = printer.tickets.length;
    const conns = printer.connections;
    printer.stalled = true; // the send cannot finish: the claim stays open
    const o = await order(apis[0]!, tablets[0]!.token, 7);
    await waitUntil(() => Promise.resolve(printer.connections > conns), 10_000);
    // Whichever instance holds the claim, it dies now, before its send completes.
    await Promise.all(apis.map((a) => a.kill('SIGKILL')));
    const handle = openDb(db.url);
    try {
      const [job] = await handle.db
        .selectFrom('print_jobs')
        .select(['state', 'claimed_by', 'attempts'])
        .where('order_id', '=', o.id)
        .execute();
      expect(job).toMatchObject({ state: 'queued', attempts: 1 });
      expect(job!.claimed_by).not.toBeNull();
    } finally {
      await handle.close();
    }
    printer.stalled = false;
    await apis[0]!.start();
    await waitUntil(() => Promise.resolve(printer.tickets.length > before), 20_000);
    await sleep(500);
    const again = printer.joined().slice(before);
    expect(again).toHaveLength(1);
    expect(again[0]).toContain('재출력');
    expect(again[0]).toContain(`주문번호 ${o.orderNumber}`);
  });
});
