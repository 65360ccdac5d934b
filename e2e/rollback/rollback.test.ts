// Rollback proof: the previous release (the newest one in RELEASES.md other than the code under test),
// checked out into a temporary worktree, runs its own API on a database migrated by the current code, and
// a smoke flow passes (login, order, stream, checkout): on SQLite, and on MariaDB when one answers.
// A missing or unreadable record, or a commit the clone lacks, fails the suite; it never skips.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { ROOT } from '../../tests/support/common.js';
import { createMysqlDatabase, mysqlAnswers } from '../../tests/support/mariadb.js';
import { previousRelease, type Release } from './releases.js';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
/** The npm scope of this repository's workspaces. */
const WORKSPACE_SCOPE = '@table-order';

describe('rollback to the previous release in RELEASES.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'to-rollback-'));
  const worktree = join(dir, 'release');
  let release: Release;
  let server: ApiProcess | undefined;
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
    await server?.dispose();
    server = undefined;
  }

  it('runs on SQLite migrated by the current code', { timeout: 600_000 }, async () => {
    prepare();
    await smoke(`sqlite:${join(dir, 'rollback.db')}`);
  });

  it('runs on MariaDB migrated by the current code', { timeout: 600_000 }, async (ctx) => {
    prepare();
    if (!(await mysqlAnswers())) {
      console.warn('rollback: no MariaDB answers; the MySQL run is skipped.');
      ctx.skip();
    }
    const db = await createMysqlDatabase('to_rollback');
    drops.push(db.drop);
    await smoke(db.url);
  });

  async function smoke(dbUrl: string) {
    // The current code migrates the database first…
    const env = { ...process.env, DATABASE_URL: dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/api/src/cli.ts', 'db:migrate'], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
    });

    // …then the release's own API starts on it.
    server = await startDemoServer(
      { DATABASE_URL: dbUrl, UPLOAD_DIR: join(dir, 'uploads'), LOG_LEVEL: 'warn' },
      { name: `release ${release.version}`, cwd: worktree },
    );
    const base = server.baseUrl;

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
