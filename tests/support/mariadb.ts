// MariaDB for tests and the bench: a throwaway database on the shared server (127.0.0.1:3306, never
// stopped), or a private server of one's own to kill, freeze and restart.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { freePort, waitUntil } from './common.js';
import { startProcess, type Proc } from './processes.js';

const run = promisify(execFile);

/** The shared MariaDB server's root URL (TEST_MYSQL_URL overrides it). */
const MYSQL_ROOT = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';

/** Creates database `name` (utf8mb4, binary collation) on the server at `rootUrl`; returns its URL. */
async function createDatabase(rootUrl: string, name: string): Promise<string> {
  const c = await createConnection(rootUrl);
  try {
    await c.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
  } finally {
    await c.end();
  }
  return `${rootUrl}/${name}`;
}

/** Whether the shared MariaDB server answers (within 2 s). */
export async function mysqlAnswers(): Promise<boolean> {
  try {
    const c = await createConnection({ uri: MYSQL_ROOT, connectTimeout: 2000 });
    await c.end();
    return true;
  } catch {
    return false;
  }
}

/** A throwaway database `<prefix>_<random>` on the shared server; `drop` removes it. */
export async function createMysqlDatabase(
  prefix = 'to_test',
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const url = await createDatabase(MYSQL_ROOT, name);
  return {
    url,
    name,
    drop: async () => {
      const c = await createConnection(MYSQL_ROOT);
      try {
        await c.query(`drop database if exists ${name}`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A private MariaDB server: `mariadb-install-db` into a temp folder, `mariadbd` on a free port. */
export class OwnMariaDb {
  private proc: Proc | undefined;

  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<OwnMariaDb> {
    const dir = mkdtempSync(join(tmpdir(), 'to-faults-mariadb-'));
    await run('mariadb-install-db', [
      '--no-defaults',
      `--datadir=${join(dir, 'data')}`,
      `--user=${userInfo().username}`,
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ]);
    const db = new OwnMariaDb(dir, await freePort());
    await db.start();
    return db;
  }

  get rootUrl(): string {
    return `mysql://root@127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  /** Starts mariadbd on the same data folder and port; resolves once it accepts connections. */
  async start(): Promise<void> {
    const proc = startProcess('mariadbd', 'mariadbd', [
      '--no-defaults',
      `--datadir=${join(this.dir, 'data')}`,
      `--port=${this.port}`,
      '--bind-address=127.0.0.1',
      `--socket=${join(this.dir, 'mariadb.sock')}`,
      `--pid-file=${join(this.dir, 'mariadb.pid')}`,
      `--user=${userInfo().username}`,
      '--skip-grant-tables',
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=64M',
      '--max-connections=500',
    ]);
    this.proc = proc;
    const up = await waitUntil(() => this.ping(), 30_000, 50);
    if (!up) throw new Error(`mariadbd did not start:\n${proc.output()}`);
  }

  /** True when a fresh connection can run `select 1`. */
  async ping(): Promise<boolean> {
    try {
      const c = await createConnection({ uri: this.rootUrl, connectTimeout: 1000 });
      try {
        await c.query('select 1');
        return true;
      } finally {
        await c.end();
      }
    } catch {
      return false;
    }
  }

  /** Kills mariadbd (SIGKILL by PID: a crash, not a clean shutdown). */
  async kill(): Promise<void> {
    const proc = this.proc;
    this.proc = undefined;
    await proc?.kill('SIGKILL');
  }

  /** Freezes mariadbd (SIGSTOP): connections stay open but nothing answers. */
  freeze(): void {
    this.proc?.send('SIGSTOP');
  }

  thaw(): void {
    this.proc?.send('SIGCONT');
  }

  /** Creates a database and returns its URL. */
  createDatabase(name: string): Promise<string> {
    return createDatabase(this.rootUrl, name);
  }

  async dispose(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
