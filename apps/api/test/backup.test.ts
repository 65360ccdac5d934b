// `db:backup` and `db:restore` as an operator runs them: a backup taken through the shell entry while
// tablets keep ordering over real HTTP against a server on a SQLite file, restored into a fresh database
// that a new server then runs on. SQLite only (MySQL backups are mysqldump's: docs/deploy.md).
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Order } from '@table-order/contracts';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOperatorError, runCommand } from '../src/commands.js';
import { LATEST_MIGRATION } from '../src/db/migrator.js';
import { listEventsAfter } from '../src/modules/events/index.js';
import { client, createTestApp, onMysql, seedStore, type StoreFixture, type TestApp } from './harness.js';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../../..');

/** Runs an operator command in-process; answers its message, or the operator error's. */
async function command(args: string[], databaseUrl: string): Promise<{ ok: boolean; out: string }> {
  try {
    return { ok: true, out: await runCommand(args, { DATABASE_URL: databaseUrl, NODE_ENV: 'test' }) };
  } catch (err) {
    if (isOperatorError(err)) return { ok: false, out: err.message };
    throw err;
  }
}

interface Acked {
  order: Order;
  /** performance.now() when the 201 arrived. */
  at: number;
}

describe.skipIf(onMysql)('db:backup while orders keep coming, db:restore into a fresh database', () => {
  let dir: string;
  let live: TestApp;
  let s: StoreFixture;
  let base: string;
  let restored: TestApp | undefined;
  const acked: Acked[] = [];
  let backupStartedAt = 0;
  let backupEndedAt = 0;
  let backupOutput = '';
  const backupFile = () => join(dir, 'backups', 'nightly.db');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-backup-'));
    live = await createTestApp({ DATABASE_URL: `sqlite:${join(dir, 'live.db')}` });
    s = await seedStore(live, 'backup-store', { tables: 4 });
    base = await live.app.listen({ host: '127.0.0.1', port: 0 });
    const tokens: string[] = [];
    for (let n = 1; n <= 4; n++) {
      const r = await client(live.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
        storeIdentifier: s.identifier,
        tableNumber: n,
        password: `pw-${n}`,
      });
      tokens.push(r.body.accessToken);
    }

    // Four tablets order one after another, each as fast as the server answers, until told to stop.
    let stop = false;
    let seq = 0;
    const tablet = async (token: string) => {
      while (!stop) {
        const k = seq++;
        const items = [{ menuItemId: s.items[k % 4]!.id, quantity: 1 + (k % 3) }];
        if (k % 2 === 0) items.push({ menuItemId: s.items[(k + 1) % 4]!.id, quantity: 2 });
        const r = await fetch(`${base}/api/v1/table/orders`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ items, note: `주문 ${k}` }),
        });
        const body = (await r.json()) as Order;
        if (r.status !== 201) throw new Error(`order refused: ${r.status} ${JSON.stringify(body)}`);
        acked.push({ order: body, at: performance.now() });
      }
    };
    const tablets = tokens.map((tk) => tablet(tk));
    while (acked.length < 40) await new Promise((r) => setTimeout(r, 20));

    // The backup, as `npm run db:backup -- --out …` runs it: another process, while orders continue.
    backupStartedAt = performance.now();
    const r = await run(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['apps/api/src/cli.ts', 'db:backup', '--out', backupFile()],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: `sqlite:${join(dir, 'live.db')}`, NODE_ENV: 'test' },
        timeout: 60_000,
      },
    );
    backupEndedAt = performance.now();
    backupOutput = r.stdout + r.stderr;
    const during = acked.length;
    while (acked.length < during + 10) await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await Promise.all(tablets);
  }, 120_000);

  afterAll(async () => {
    await restored?.close();
    live.app.server.closeAllConnections();
    await live?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes an online copy while orders are being acknowledged, readable by its owner only', () => {
    expect(backupOutput).toMatch(
      new RegExp(
        `^Backed up .*live\\.db to .*nightly\\.db \\(\\d+\\.\\d MB, \\d+ pages, integrity ok, migrations through ${LATEST_MIGRATION}\\)\\.\\n$`,
      ),
    );
    expect(acked.filter((a) => a.at > backupStartedAt && a.at < backupEndedAt).length).toBeGreaterThan(0);
    expect(statSync(backupFile()).mode & 0o777).toBe(0o600);
    // A standalone file: no write-ahead log beside it.
    expect(existsSync(`${backupFile()}-wal`)).toBe(false);
    expect(existsSync(`${backupFile()}.partial`)).toBe(false);
  });

  it('restores into a fresh database holding every order acknowledged before the backup, consistent', async () => {
    const target = join(dir, 'restored', 'table-order.db');
    const r = await command(['db:restore', '--from', backupFile()], `sqlite:${target}`);
    expect(r, r.out).toMatchObject({ ok: true });
    expect(r.out).toMatch(
      new RegExp(
        `^Restored .*nightly\\.db into .*table-order\\.db \\(.*integrity ok, migrations through ${LATEST_MIGRATION}\\)`,
      ),
    );

    restored = await createTestApp({ DATABASE_URL: `sqlite:${target}` });
    const login = await client(restored.app).post<{ accessToken: string }>('/api/v1/auth/admin/login', {
      storeIdentifier: s.identifier,
      username: 'owner',
      password: 'owner-pass-1',
    });
    expect(login.status).toBe(200);
    const admin = client(restored.app, login.body.accessToken);

    const before = acked.filter((a) => a.at < backupStartedAt);
    expect(before.length).toBeGreaterThanOrEqual(40);
    for (const { order } of before) {
      const got = await admin.get<Order>(`/api/v1/admin/orders/${order.id}`);
      expect(got.status, `order ${order.id}`).toBe(200);
      expect(got.body).toMatchObject(order); // number, lines, total, status, times
    }

    // The copy is one snapshot: the orders in it are every order up to its newest, each whole.
    const db = restored.runtime.ctx.db;
    const rows = await db.selectFrom('orders').select(['id', 'order_number', 'total_amount']).execute();
    const ids = rows.map((x) => Number(x.id));
    const newest = Math.max(...ids);
    const expected = acked.filter((a) => a.order.id <= newest).map((a) => a.order.id);
    expect(ids.sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    expect(new Set(rows.map((x) => x.order_number)).size).toBe(rows.length);
    for (const row of rows) {
      const lines = await db
        .selectFrom('order_items')
        .select(['unit_price', 'quantity'])
        .where('order_id', '=', row.id)
        .execute();
      expect(lines.length, `order ${row.id}`).toBeGreaterThan(0);
      const sum = lines.reduce((n, l) => n + Number(l.unit_price) * Number(l.quantity), 0);
      expect(Number(row.total_amount), `order ${row.id}`).toBe(sum);
    }
    // Each order has its order.created event with the same JSON, and the event counter is past them all.
    const store = await db
      .selectFrom('stores')
      .select(['id', 'event_seq'])
      .where('identifier', '=', s.identifier)
      .executeTakeFirstOrThrow();
    const created = (await listEventsAfter(db, Number(store.id), 0, 100_000)).filter(
      (e) => e.type === 'order.created',
    );
    expect(created.map((e) => (e.payload as Order).id).sort((a, b) => a - b)).toEqual(ids);
    const byId = new Map(acked.map((a) => [a.order.id, a.order]));
    for (const e of created) expect(e.payload).toEqual(byId.get((e.payload as Order).id));
    expect(Number(store.event_seq)).toBeGreaterThanOrEqual(Math.max(...created.map((e) => e.id)));

    // The restored store keeps working: a new order gets a number none of the restored ones has.
    const tab = await client(restored.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: s.identifier,
      tableNumber: 1,
      password: 'pw-1',
    });
    const next = await client(restored.app, tab.body.accessToken).post<Order>('/api/v1/table/orders', {
      items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
    });
    expect(next.status).toBe(201);
    expect(rows.map((x) => x.order_number)).not.toContain(next.body.orderNumber);
  });

  it('refuses a target that is not empty, and restores into an empty file', async () => {
    // The server's own database, open and written to.
    const live = await command(['db:restore', '--from', backupFile()], `sqlite:${join(dir, 'live.db')}`);
    expect(live.ok).toBe(false);
    expect(live.out).toMatch(/live\.db has a write-ahead log .* restore into an empty database/);
    // A database nobody has open that holds a table.
    const used = join(dir, 'used.db');
    const u = new SQLite(used);
    u.exec('create table t (x)');
    u.close();
    expect(await command(['db:restore', '--from', backupFile()], `sqlite:${used}`)).toEqual({
      ok: false,
      out: `${used} is not empty (1 tables); restore only into an empty database (move it away first).`,
    });
    const empty = join(dir, 'empty.db');
    writeFileSync(empty, '');
    const ok = await command(['db:restore', '--from', backupFile()], `sqlite:${empty}`);
    expect(ok, ok.out).toMatchObject({ ok: true });
    expect(statSync(empty).size).toBeGreaterThan(0);
  });

  it('refuses a damaged backup, a database that is not Table Order’s, and a missing file', async () => {
    const target = `sqlite:${join(dir, 'never.db')}`;
    const damaged = join(dir, 'damaged.db');
    copyFileSync(backupFile(), damaged);
    const pageSize = 4096;
    const fd = openSync(damaged, 'r+');
    const pages = statSync(damaged).size / pageSize;
    for (let p = 2; p < pages; p += 2) writeSync(fd, Buffer.alloc(64, 0xa5), 0, 64, p * pageSize + 8);
    closeSync(fd);
    const d = await command(['db:restore', '--from', damaged], target);
    expect(d.ok).toBe(false);
    expect(d.out).toMatch(/damaged|not a readable SQLite database/);

    const foreign = join(dir, 'foreign.db');
    const f = new SQLite(foreign);
    f.exec('create table notes (id integer primary key, text text)');
    f.close();
    const n = await command(['db:restore', '--from', foreign], target);
    expect(n).toEqual({
      ok: false,
      out: `${foreign} is not a Table Order database (no kysely_migration table).`,
    });

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, just some text that is long enough to have a header');
    expect((await command(['db:restore', '--from', text], target)).out).toMatch(
      /not a readable SQLite database/,
    );

    expect(await command(['db:restore', '--from', join(dir, 'nope.db')], target)).toEqual({
      ok: false,
      out: `No backup at ${join(dir, 'nope.db')}.`,
    });
    expect(existsSync(join(dir, 'never.db'))).toBe(false);
  });

  it('never overwrites a file, needs its flags, and sends MySQL to mysqldump', async () => {
    const live = `sqlite:${join(dir, 'live.db')}`;
    expect(await command(['db:backup', '--out', backupFile()], live)).toEqual({
      ok: false,
      out: `${backupFile()} already exists; backups never overwrite a file.`,
    });
    expect(await command(['db:backup'], live)).toEqual({ ok: false, out: 'usage: db:backup --out <file>' });
    expect(await command(['db:restore'], live)).toEqual({
      ok: false,
      out: 'usage: db:restore --from <file>',
    });
    expect((await command(['db:backup', '--out', join(dir, 'x.db')], 'sqlite::memory:')).out).toMatch(
      /in-memory database/,
    );
    const mysql = await command(['db:backup', '--out', join(dir, 'x.db')], 'mysql://root@127.0.0.1:1/none');
    expect(mysql.ok).toBe(false);
    expect(mysql.out).toMatch(/mysqldump --single-transaction .*docs\/deploy\.md/);
  });
});
