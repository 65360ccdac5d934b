// Rollback proof: the most recent release tag, checked out into a temporary worktree, runs its own API
// on a database migrated by the current code, and a smoke flow passes (login, order, stream, checkout).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { startDemoServer, type ApiProcess } from '../../tests/support/api-server.js';
import { ROOT } from '../../tests/support/common.js';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();

function latestReleaseTag(): string | undefined {
  try {
    return git('describe', '--tags', '--abbrev=0', '--match', 'v[0-9]*', 'HEAD');
  } catch {
    return undefined;
  }
}

const tag = latestReleaseTag();
if (!tag)
  console.warn('rollback: no release tag (v*) reachable from HEAD in this clone; nothing to roll back to.');

describe.skipIf(!tag)(`rollback to ${tag ?? '(no release tag)'}`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'to-rollback-'));
  const worktree = join(dir, 'release');
  const dbUrl = `sqlite:${join(dir, 'rollback.db')}`;
  let server: ApiProcess | undefined;

  afterAll(async () => {
    await server?.dispose();
    try {
      git('worktree', 'remove', '--force', worktree);
    } catch {
      // not created
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the previous release on the current schema', { timeout: 600_000 }, async () => {
    git('worktree', 'add', '--detach', worktree, tag!);
    // Same lockfile: reuse this checkout's installed packages; otherwise install the release's own.
    const sameDeps = (() => {
      try {
        git('diff', '--quiet', tag!, 'HEAD', '--', 'package-lock.json');
        return true;
      } catch {
        return false;
      }
    })();
    if (sameDeps) {
      for (const rel of [
        '.',
        ...['apps', 'packages'].flatMap((d) => readdirSync(join(ROOT, d)).map((n) => join(d, n))),
      ]) {
        const from = join(ROOT, rel, 'node_modules');
        if (existsSync(from) && existsSync(join(worktree, rel)))
          symlinkSync(from, join(worktree, rel, 'node_modules'));
      }
    } else {
      execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: worktree, stdio: 'inherit' });
    }

    // The current code migrates the database first…
    const env = { ...process.env, DATABASE_URL: dbUrl, NODE_ENV: 'test', LOG_LEVEL: 'warn' };
    execFileSync(process.execPath, ['--import', 'tsx', 'apps/api/src/cli.ts', 'db:migrate'], {
      cwd: ROOT,
      env,
      stdio: 'pipe',
    });

    // …then the release's own API starts on it.
    server = await startDemoServer(
      { DATABASE_URL: dbUrl, UPLOAD_DIR: join(dir, 'uploads') },
      { name: `release ${tag!}`, cwd: worktree },
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
  });
});
