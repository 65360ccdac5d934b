// Rollback proof: the previous release (the newest one in RELEASES.md other than the code under test),
// checked out into a temporary worktree, runs its own API on a database migrated by the current code, and
// a smoke flow passes (login, order, stream, checkout): on SQLite, and on MariaDB when one answers.
// A missing or unreadable record, or a commit the clone lacks, fails the suite; it never skips.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { ROOT, freePort } from '../support/server.js';
import { previousRelease, type Release } from './releases.js';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
/** The npm scope of this repository's workspaces. */
const WORKSPACE_SCOPE = '@table-order';

async function mysqlAnswers(): Promise<boolean> {
  try {
    const c = await createConnection({ uri: MYSQL_ROOT, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

describe('rollback to the previous release in RELEASES.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'to-rollback-'));
  const worktree = join(dir, 'release');
  let release: Release;
  let server: ChildProcess | undefined;
  let output = '';
  const drops: (() => Promise<void>)[] = [];

  let prepared: { error?: unknown } | undefined;
  /**
   * Finds the release and checks it out, once, inside the first test that needs it: a record that is
   * missing or names a commit the clone lacks fails that test (not a hook, whose tests would show as
   * skipped).
   */
  function prepare() {
    if (prepared) {
      if ('error' in prepared) throw prepared.error;
      return;
    }
    try {
      checkOut();
      prepared = {};
    } catch (error) {
      prepared = { error };
      throw error;
    }
  }

  function checkOut() {
    release = previousRelease(ROOT);
    console.info(`rollback: running ${release.version} (${release.commit}) on the current schema`);
    git('worktree', 'add', '--detach', worktree, release.commit);
    // Same lockfile: reuse this checkout's installed packages; otherwise install the release's own.
    const sameDeps = (() => {
      try {
        git('diff', '--quiet', release.commit, 'HEAD', '--', 'package-lock.json');
        return true;
      } catch {
        return false;
      }
    })();
    if (sameDeps) {
      // Reuse this checkout's installed packages, except the workspaces themselves (@table-order/*):
      // those must be the release's own code (its contracts, not the current ones).
      const modules = join(worktree, 'node_modules');
      mkdirSync(modules);
      for (const name of readdirSync(join(ROOT, 'node_modules'))) {
        if (name !== WORKSPACE_SCOPE) symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
      }
      const scope = join(ROOT, 'node_modules', WORKSPACE_SCOPE);
      mkdirSync(join(modules, WORKSPACE_SCOPE));
      for (const name of readdirSync(scope)) {
        // Relative links (../../apps/api): from the release's node_modules they name the release's folders.
        symlinkSync(readlinkSync(join(scope, name)), join(modules, WORKSPACE_SCOPE, name));
      }
      for (const rel of ['apps', 'packages'].flatMap((d) =>
        readdirSync(join(ROOT, d)).map((n) => join(d, n)),
      )) {
        const from = join(ROOT, rel, 'node_modules');
        if (existsSync(from) && existsSync(join(worktree, rel)))
          symlinkSync(from, join(worktree, rel, 'node_modules'));
      }
    } else {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: worktree, stdio: 'inherit' });
    }
  }

  afterAll(async () => {
    await stopServer();
    for (const drop of drops) await drop();
    try {
      git('worktree', 'remove', '--force', worktree);
    } catch {
      // not created
    }
    rmSync(dir, { recursive: true, force: true });
  });

  async function stopServer() {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    server = undefined;
  }

  it('runs on SQLite migrated by the current code', { timeout: 600_000 }, async () => {
    prepare();
    await smoke(`sqlite:${join(dir, 'rollback.db')}`);
  });

  it('runs on MariaDB migrated by the current code', { timeout: 600_000 }, async (ctx) => {
    prepare();
    if (!(await mysqlAnswers())) {
      console.warn(`rollback: no MariaDB at ${MYSQL_ROOT}; the MySQL run is skipped.`);
      ctx.skip();
    }
    const name = `to_rollback_${randomBytes(6).toString('hex')}`;
    const conn = await createConnection(MYSQL_ROOT);
    await conn.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
    await conn.end();
    drops.push(async () => {
      const c = await createConnection(MYSQL_ROOT);
      await c.query(`drop database if exists ${name}`);
      await c.end();
    });
    await smoke(`${MYSQL_ROOT}/${name}`);
  });

  async function smoke(dbUrl: string) {
    output = '';
    // The current code migrates the database first…
    const env = { ...process.env, DATABASE_URL: dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/api/src/cli.ts', 'db:migrate'], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
    });

    // …then the release's own API starts on it.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
      cwd: worktree,
      env: {
        ...env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DEMO_SEED: 'true',
        UPLOAD_DIR: join(dir, 'uploads'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const up = await fetch(`${base}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (server.exitCode !== null || Date.now() > deadline)
        throw new Error(`release ${release.version} did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }

    const post = async (path: string, body: unknown, token?: string) => {
      const r = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: r.status, body: (await r.json()) as Record<string, any> };
    };
    const admin = await post('/api/v1/auth/admin/login', {
      storeIdentifier: 'demo',
      username: 'admin',
      password: 'demo1234',
    });
    expect(admin.status).toBe(200);
    const table = await post('/api/v1/auth/table/login', {
      storeIdentifier: 'demo',
      tableNumber: 1,
      password: '1234',
    });
    expect(table.status).toBe(200);
    const opened = await SseClient.open(`${base}/api/v1/admin/events`, {
      token: admin.body.accessToken as string,
    });
    expect(opened.status).toBe(200);
    const stream = opened.client!;
    try {
      const menu = (await (
        await fetch(`${base}/api/v1/table/menu`, {
          headers: { authorization: `Bearer ${table.body.accessToken as string}` },
        })
      ).json()) as {
        categories: { items: { id: number }[] }[];
      };
      const order = await post(
        '/api/v1/table/orders',
        { items: [{ menuItemId: menu.categories[0]!.items[0]!.id, quantity: 2 }] },
        table.body.accessToken as string,
      );
      expect(order.status).toBe(201);
      const created = await stream.nextOf('order.created', 5000);
      expect((JSON.parse(created.data) as { id: number }).id).toBe(order.body.id);
      const checkout = await post(
        `/api/v1/admin/tables/${order.body.tableId as number}/checkout`,
        {},
        admin.body.accessToken as string,
      );
      expect(checkout.status).toBe(200);
      expect(checkout.body.total).toBe(order.body.totalAmount);
    } finally {
      stream.close();
    }
    await stopServer();
  }
});
