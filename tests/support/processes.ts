// Processes the fault and security suites own: a private MariaDB (own data folder, spare port), a private
// Redis, and the real API server process. Each is a child of the test, stopped by its own PID; the shared
// MariaDB on 3306 and Redis on 6379 are never touched.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { onTestFailed } from 'vitest';
import { ROOT, freePort } from '../../e2e/support/server.js';

export { ROOT, freePort };
export { OwnRedis } from '../../e2e/support/redis.js';

const run = promisify(execFile);
export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls `probe` until it returns true or `timeoutMs` passes; returns whether it succeeded. */
export async function waitUntil(probe: () => Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

async function waitExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((r) => child.once('exit', r));
}

/** A private MariaDB server: `mariadb-install-db` into a temp folder, `mariadbd` on a free port. */
export class OwnMariaDb {
  private child: ChildProcess | undefined;
  private output = '';

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
    return this.child?.pid;
  }

  /** Starts mariadbd on the same data folder and port; resolves once it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      'mariadbd',
      [
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
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()));
    this.child = child;
    const up = await waitUntil(() => this.ping(), 30_000, 50);
    if (!up) throw new Error(`mariadbd did not start:\n${this.output}`);
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
    const child = this.child;
    this.child = undefined;
    if (!child?.pid) return;
    process.kill(child.pid, 'SIGKILL');
    await waitExit(child);
  }

  /** Freezes mariadbd (SIGSTOP): connections stay open but nothing answers. */
  freeze(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGSTOP');
  }

  thaw(): void {
    if (this.child?.pid) process.kill(this.child.pid, 'SIGCONT');
  }

  /** Creates a database and returns its URL. */
  async createDatabase(name: string): Promise<string> {
    const c = await createConnection(this.rootUrl);
    await c.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
    await c.end();
    return `${this.rootUrl}/${name}`;
  }

  async dispose(): Promise<void> {
    this.thaw();
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export const JWT_SECRET = 'faults-and-attacks-secret-0123456789-abcdef';

/**
 * The real API server process (`node --import tsx apps/api/src/server.ts`, as `npm start` runs it) in
 * production mode on a free port, with its output captured.
 */
export class ApiProcess {
  private child: ChildProcess | undefined;
  private chunks: string[] = [];
  readonly dir = mkdtempSync(join(tmpdir(), 'to-api-'));

  private constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {}

  /** Starts a server; `env` adds to or overrides the production defaults (DATABASE_URL is required). */
  static async start(env: Record<string, string>): Promise<ApiProcess> {
    const p = new ApiProcess(await freePort(), env);
    await p.start();
    return p;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything the process printed (stdout and stderr) across every start. */
  logs(): string {
    return this.chunks.join('');
  }

  /** Spawns the process and waits until /health answers 200. */
  async start(): Promise<void> {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/root',
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        JWT_SECRET_KEY: JWT_SECRET,
        UPLOAD_DIR: join(this.dir, 'uploads'),
        DEMO_SEED: 'false',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => this.chunks.push(d.toString()));
    child.stderr?.on('data', (d: Buffer) => this.chunks.push(d.toString()));
    this.child = child;
    const up = await waitUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited:\n${this.logs()}`);
        return (await fetch(`${this.baseUrl}/health`)).status === 200;
      },
      60_000,
      100,
    );
    if (!up) throw new Error(`server did not start:\n${this.logs()}`);
  }

  /** Kills the process by its PID (SIGKILL unless told otherwise) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    process.kill(child.pid, signal);
    await waitExit(child);
  }

  /** Resident memory of the process in bytes (Linux /proc). */
  rssBytes(): number {
    if (!this.child?.pid) return 0;
    const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return Number(kb ?? 0) * 1024;
  }

  async dispose(): Promise<void> {
    const child = this.child;
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGTERM');
      const killer = setTimeout(() => {
        if (child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
      }, 12_000);
      await waitExit(child);
      clearTimeout(killer);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Prints the end of each server's log when the current test fails (call at the start of a test). */
export function showLogsOnFailure(...servers: (ApiProcess | undefined)[]): void {
  onTestFailed(() => {
    for (const s of servers) {
      if (s)
        console.error(
          `--- ${s.baseUrl} (pid ${s.pid ?? '-'}) log, last 6000 characters ---\n${s.logs().slice(-6000)}`,
        );
    }
  });
}
