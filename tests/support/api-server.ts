// The real API server process (`node --import tsx apps/api/src/server.ts`, as `npm start` runs it) on
// 127.0.0.1 and a free port, with its output captured: started, killed, restarted on the same port and
// stopped by its own PID. Used by the fault and security suites, the e2e journeys, the deploy test and
// the bench.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './common.js';
import { parentEnv, rssBytes, startProcess, waitForHttp, type Proc } from './processes.js';

/** The JWT secret the servers run with unless told otherwise (suites that forge tokens sign with it). */
export const JWT_SECRET = 'faults-and-attacks-secret-0123456789-abcdef';

/** The demo store created on first start with DEMO_SEED (see apps/api/src/modules/stores/demo-seed.ts). */
export const DEMO = {
  store: 'demo',
  admin: 'admin',
  adminPassword: 'demo1234',
  tablePassword: '1234',
} as const;

export interface ApiProcessOptions {
  /** Names the process in error messages (default `api`). */
  name?: string;
  /** Node flags before the entry point, e.g. --cpu-prof. */
  nodeArgs?: string[];
  /**
   * What node runs after `nodeArgs` (default: the sources through tsx, as `npm start`; the bench runs
   * the bundle `npm run start:prod` runs: `['--enable-source-maps', 'apps/api/dist/server.js']`).
   */
  entry?: string[];
  /** The checkout the server runs from (default: this repository; e.g. a release's worktree). */
  cwd?: string;
  /** The environment the defaults are laid over (default: PATH and HOME only). */
  inherit?: NodeJS.ProcessEnv;
  /** Characters of output kept per start (default: all of it, for log scans). */
  maxOutput?: number;
  /** How long a start may take before it fails (default 60 s). */
  startTimeoutMs?: number;
}

export class ApiProcess {
  private current: Proc | undefined;
  private readonly earlierLogs: string[] = [];
  /** The process's own folder: the default SQLite database and uploads live here. */
  readonly dir = mkdtempSync(join(tmpdir(), 'to-api-'));

  private constructor(
    readonly port: number,
    /** The Prometheus listener's port (METRICS_PORT: a free one unless `env` names one; 0 = off). */
    readonly metricsPort: number,
    private readonly env: Record<string, string>,
    private readonly opts: ApiProcessOptions,
  ) {}

  /**
   * Starts a server in production mode without the demo seed, on a SQLite file in its own folder, with
   * its metrics listener on a free port; `env` adds to or overrides those defaults (DATABASE_URL,
   * REDIS_URL, NODE_ENV, METRICS_PORT…).
   */
  static async start(env: Record<string, string> = {}, opts: ApiProcessOptions = {}): Promise<ApiProcess> {
    const port = await freePort();
    const metricsPort = env.METRICS_PORT === undefined ? await freePort() : Number(env.METRICS_PORT);
    const p = new ApiProcess(port, metricsPort, env, opts);
    await p.start();
    return p;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The Prometheus listener (`${metricsUrl}/metrics`). */
  get metricsUrl(): string {
    return `http://127.0.0.1:${this.metricsPort}`;
  }

  /** The running process (undefined before the first start). */
  get proc(): Proc | undefined {
    return this.current;
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  get running(): boolean {
    return this.current !== undefined && !this.current.exited();
  }

  /** Everything the process printed (stdout and stderr) across every start. */
  logs(): string {
    return this.earlierLogs.join('') + (this.current?.output() ?? '');
  }

  /** Spawns the process (again, after a kill: same port, database and folder) and waits until /health answers. */
  async start(): Promise<void> {
    if (this.current) this.earlierLogs.push(this.current.output());
    const inherit = this.opts.inherit ?? {
      PATH: parentEnv.PATH ?? '/usr/bin:/bin',
      HOME: parentEnv.HOME ?? '/root',
    };
    this.current = startProcess(
      this.opts.name ?? 'api',
      process.execPath,
      [...(this.opts.nodeArgs ?? []), ...(this.opts.entry ?? ['--import', 'tsx', 'apps/api/src/server.ts'])],
      {
        ...(this.opts.cwd ? { cwd: this.opts.cwd } : {}),
        maxOutput: this.opts.maxOutput ?? Infinity,
        env: {
          ...inherit,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(this.port),
          METRICS_PORT: String(this.metricsPort),
          DATABASE_URL: `sqlite:${join(this.dir, 'api.db')}`,
          JWT_SECRET_KEY: JWT_SECRET,
          UPLOAD_DIR: join(this.dir, 'uploads'),
          DEMO_SEED: 'false',
          LOG_LEVEL: 'warn',
          ...this.env,
        },
      },
    );
    await waitForHttp(`${this.baseUrl}/health`, this.current, this.opts.startTimeoutMs ?? 60_000);
  }

  /** Kills the process by its PID (SIGKILL unless told otherwise) and waits for it to exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.current?.kill(signal);
  }

  /** Resident memory of the process in bytes (Linux /proc). */
  rssBytes(): number {
    return this.running && this.pid ? rssBytes(this.pid) : 0;
  }

  /** Stops the process (SIGTERM, SIGKILL after 15 s) and removes its folder. */
  async dispose(): Promise<void> {
    await this.current?.stop('SIGTERM', 15_000);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * The API as a developer runs it: development mode with the demo store (DEMO) on a fresh SQLite file,
 * with this process's whole environment; `env` adds to or overrides that.
 */
export function startDemoServer(
  env: Record<string, string> = {},
  opts: ApiProcessOptions = {},
): Promise<ApiProcess> {
  return ApiProcess.start(
    { NODE_ENV: 'development', DEMO_SEED: 'true', ...env },
    { name: 'demo-api', inherit: parentEnv, ...opts },
  );
}
