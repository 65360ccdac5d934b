// The operator commands, run as the README says: `npm run store:create -- …` → tsx src/cli.ts.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isOperatorError, runCommand } from '../src/commands.js';
import { loadConfig } from '../src/config/index.js';
import { openDatabase } from '../src/infra/db.js';
import { createMysqlDatabase } from '../../../tests/support/mariadb.js';
import { TEST_ARGON2_ENV, onMysql } from './harness.js';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');

describe('command line', () => {
  let dir: string;
  let url: string;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-cli-'));
    if (onMysql) {
      const db = await createMysqlDatabase();
      url = db.url;
      drop = db.drop;
    } else {
      url = `sqlite:${join(dir, 'cli.db')}`;
    }
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await drop?.();
  });

  // The commands run in-process (runCommand), as the shell wrapper runs them; one test below goes
  // through `tsx src/cli.ts` to prove the wrapper's output and exit codes.
  const cli = async (...args: string[]) => {
    try {
      const out = await runCommand(args, { DATABASE_URL: url, NODE_ENV: 'test', ...TEST_ARGON2_ENV });
      return { code: 0, out };
    } catch (err) {
      return { code: 1, out: isOperatorError(err) ? err.message : String(err) };
    }
  };

  it('runs as a shell command: prints the result, exits non-zero with the error', async () => {
    const shell = async (...args: string[]) => {
      try {
        const r = await run(join(root, 'node_modules/.bin/tsx'), ['apps/api/src/cli.ts', ...args], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: url, NODE_ENV: 'test' },
          timeout: 60_000,
        });
        return { code: 0, out: r.stdout + r.stderr };
      } catch (err) {
        const e = err as { code: number; stdout: string; stderr: string };
        return { code: e.code, out: e.stdout + e.stderr };
      }
    };
    const [migrated, unknown, usage] = await Promise.all([shell('db:migrate'), shell('frobnicate'), shell()]);
    expect(migrated).toMatchObject({ code: 0 });
    expect(migrated.out).toMatch(/up to date/);
    expect(unknown.code).toBe(1);
    expect(unknown.out).toContain('Error: Unknown command "frobnicate"');
    expect(unknown.out).toContain('db:backup, db:restore');
    // Without a command: every command and its flags.
    expect(usage.code).toBe(1);
    for (const line of [
      'db:migrate',
      'db:backup --out <file>',
      'db:restore --from <file>',
      'store:create --id',
      'images:gc',
    ])
      expect(usage.out).toContain(line);
  });

  it('migrates, creates a store and admins, and refuses bad input and duplicates', async () => {
    expect(await cli('db:migrate')).toMatchObject({ code: 0 });
    const created = await cli(
      'store:create',
      '--id',
      'cli-store',
      '--name',
      '테스트 식당',
      '--admin',
      'boss',
      '--password',
      'boss-pass-1',
    );
    expect(created.code, created.out).toBe(0);
    expect(created.out).toContain('cli-store');

    const dup = await cli(
      'store:create',
      '--id',
      'cli-store',
      '--name',
      'x',
      '--admin',
      'boss',
      '--password',
      'boss-pass-1',
    );
    expect(dup.code).not.toBe(0);
    expect(dup.out).toMatch(/already exists/);

    const badId = await cli(
      'store:create',
      '--id',
      'Bad Id!',
      '--name',
      'x',
      '--admin',
      'boss',
      '--password',
      'boss-pass-1',
    );
    expect(badId.code).not.toBe(0);
    expect(badId.out).toContain('--identifier');

    const shortPw = await cli(
      'store:create',
      '--id',
      'other',
      '--name',
      'x',
      '--admin',
      'boss',
      '--password',
      'short',
    );
    expect(shortPw.code).not.toBe(0);
    expect(shortPw.out).toContain('--password');

    const noPw = await cli('store:create', '--id', 'other', '--name', 'x', '--admin', 'boss');
    expect(noPw.code).not.toBe(0);
    expect(noPw.out).toContain('--password');

    expect(
      (await cli('admin:create', '--store', 'cli-store', '--admin', 'staff', '--password', 'staff-pass-1'))
        .code,
    ).toBe(0);
    const dupAdmin = await cli(
      'admin:create',
      '--store',
      'cli-store',
      '--admin',
      'staff',
      '--password',
      'staff-pass-1',
    );
    expect(dupAdmin.code).not.toBe(0);
    expect(dupAdmin.out).toMatch(/already has an admin/);
    const noStore = await cli(
      'admin:create',
      '--store',
      'nope',
      '--admin',
      'staff',
      '--password',
      'staff-pass-1',
    );
    expect(noStore.code).not.toBe(0);
    expect(noStore.out).toMatch(/No store/);
    const staff = await cli(
      'admin:create',
      '--store',
      'cli-store',
      '--admin',
      'kim',
      '--password',
      'kim-pass-12',
      '--role',
      'staff',
    );
    expect(staff.code, staff.out).toBe(0);
    expect(staff.out).toContain('staff "kim"');
    const badRole = await cli(
      'admin:create',
      '--store',
      'cli-store',
      '--admin',
      'lee',
      '--password',
      'lee-pass-12',
      '--role',
      'boss',
    );
    expect(badRole.code).not.toBe(0);
    expect(badRole.out).toContain('--role');
    const handle = openDatabase(loadConfig({ DATABASE_URL: url, NODE_ENV: 'test' }).database);
    try {
      const roles = await handle.db.selectFrom('admins').select(['username', 'role']).orderBy('id').execute();
      // store:create's first account and admin:create without --role are owners.
      expect(roles).toEqual([
        { username: 'boss', role: 'owner' },
        { username: 'staff', role: 'owner' },
        { username: 'kim', role: 'staff' },
      ]);
    } finally {
      await handle.close();
    }
    expect((await cli('frobnicate')).code).not.toBe(0);
    expect((await cli('store:create', '--bogus', 'x')).code).not.toBe(0);
  });
});
