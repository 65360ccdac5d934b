// The processes under test: the real API (`node --import tsx apps/api/src/server.ts`, as `npm start`
// runs it), the baseline Fastify handler, a private Redis, and a throwaway MariaDB database.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { redisServerArgs } from '../../e2e/support/redis.js';
import { freePort, parentEnv, sleep, startProcess, type Proc } from './proc.js';

export interface HttpServer {
  name: string;
  baseUrl: string;
  port: number;
  proc: Proc;
  stop(): Promise<void>;
}

/** Polls `url` until it answers 2xx (or the process dies / the deadline passes). */
export async function waitForHttp(url: string, proc: Proc, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (proc.exited()) throw new Error(`${proc.name} exited while starting:\n${proc.output()}`);
    await sleep(100);
  }
  throw new Error(`${proc.name} did not answer ${url} within ${timeoutMs} ms:\n${proc.output()}`);
}

export interface ApiOptions {
  name: string;
  databaseUrl: string;
  jwtSecret: string;
  uploadDir: string;
  redisUrl?: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeArgs?: string[];
  env?: Record<string, string>;
}

/** Starts one API instance on 127.0.0.1 and a free port; resolves once /health answers. */
export async function startApi(o: ApiOptions): Promise<HttpServer> {
  const port = await freePort();
  const proc = startProcess(
    o.name,
    process.execPath,
    [...(o.nodeArgs ?? []), '--import', 'tsx', 'apps/api/src/server.ts'],
    {
      env: {
        ...parentEnv,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        DATABASE_URL: o.databaseUrl,
        JWT_SECRET_KEY: o.jwtSecret,
        UPLOAD_DIR: o.uploadDir,
        LOG_LEVEL: 'warn',
        DEMO_SEED: 'false',
        // Every instance of a run must share one channel (the default): the Redis server is the run's own.
        ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
        ...o.env,
      },
    },
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/health`, proc);
  return { name: o.name, baseUrl, port, proc, stop: () => proc.stop() };
}

/** The baseline: a minimal Fastify JSON handler, started the same way as the API (node + tsx). */
export async function startBaseline(): Promise<HttpServer> {
  const port = await freePort();
  const proc = startProcess('baseline', process.execPath, [
    '--import',
    'tsx',
    join('bench', 'baseline-server.ts'),
    String(port),
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttp(`${baseUrl}/`, proc);
  return { name: 'baseline', baseUrl, port, proc, stop: () => proc.stop() };
}

export interface RedisServer {
  url: string;
  proc: Proc;
  stop(): Promise<void>;
}

/** A private Redis on a free port (no persistence), never the shared one on 6379. */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const proc = startProcess('redis', 'redis-server', [...redisServerArgs(port), '--daemonize', 'no']);
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/.test(proc.output())) {
    if (proc.exited()) throw new Error(`redis-server exited:\n${proc.output()}`);
    if (Date.now() > deadline) throw new Error(`redis-server did not start:\n${proc.output()}`);
    await sleep(50);
  }
  return { url: `redis://127.0.0.1:${port}`, proc, stop: () => proc.stop() };
}

export const MYSQL_ROOT = 'mysql://root@127.0.0.1:3306';

/** A throwaway MariaDB database `bench_<random>`; `drop` removes it. */
export async function createMysqlDatabase(): Promise<{
  url: string;
  name: string;
  drop: () => Promise<void>;
}> {
  const name = `bench_${randomBytes(6).toString('hex')}`;
  const conn = await createConnection(MYSQL_ROOT);
  await conn.query(`create database ${name} character set utf8mb4 collate utf8mb4_bin`);
  await conn.end();
  return {
    url: `${MYSQL_ROOT}/${name}`,
    name,
    async drop() {
      const c = await createConnection(MYSQL_ROOT);
      await c.query(`drop database if exists ${name}`);
      await c.end();
    },
  };
}
