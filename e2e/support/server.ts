// Starts the real server process (as `npm start` does) on a temp SQLite file and a free port.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => {
        res(port);
      });
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  /** Kills the process (SIGTERM, or SIGKILL when `hard`). */
  stop(hard?: boolean): Promise<void>;
  /** Starts the process again on the same port and database. */
  start(): Promise<void>;
  logs(): string;
  dispose(): Promise<void>;
}

/** The demo store created on first start (see apps/api/src/modules/stores/demo-seed.ts). */
export const DEMO = {
  store: 'demo',
  admin: 'admin',
  adminPassword: 'demo1234',
  tablePassword: '1234',
} as const;

/** Launches the server (`node --import tsx apps/api/src/server.ts`) with the demo seed on a fresh database. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'to-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async () => {
    // One process (node with tsx's loader), so a SIGKILL really kills the server.
    child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/server.ts'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: `sqlite:${join(dir, 'e2e.db')}`,
        UPLOAD_DIR: join(dir, 'uploads'),
        JWT_SECRET_KEY: 'e2e-secret-e2e-secret-e2e-secret-e2e-secret',
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      try {
        const r = await fetch(`${baseUrl}/health`);
        if (r.ok) return;
      } catch {
        // not up yet
      }
      if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server did not start:\n${output}`);
  };

  const stop = async (hard = false) => {
    const c = child;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill(hard ? 'SIGKILL' : 'SIGTERM');
    await exited;
  };

  await start();
  return {
    baseUrl,
    stop,
    start,
    logs: () => output,
    dispose: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
