// The processes under test: the real API (the shared ApiProcess running the bundle, as
// `npm run start:prod` runs it in production; the runner builds it first) and the baseline Fastify handler, both tracked by the shared process list so the runner can stop them by PID.
import { join } from 'node:path';
import { ApiProcess } from '../../tests/support/api-server.js';
import { freePort } from '../../tests/support/common.js';
import { parentEnv, startProcess, waitForHttp, type Proc } from '../../tests/support/processes.js';

export interface HttpServer {
  name: string;
  baseUrl: string;
  port: number;
  proc: Proc;
  stop(): Promise<void>;
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

/**
 * The bundled API, as `npm run start:prod` runs it (built by the runner before any scenario).
 * `BENCH_API_ENTRY=<path to another build's server.js>` runs that build instead (a before/after
 * comparison against an earlier commit's bundle; the runner still builds this checkout's).
 */
export const API_ENTRY = [
  '--enable-source-maps',
  parentEnv.BENCH_API_ENTRY ?? join('apps', 'api', 'dist', 'server.js'),
];

/** Starts one API instance on 127.0.0.1 and a free port; resolves once /health answers. */
export async function startApi(o: ApiOptions): Promise<HttpServer> {
  const api = await ApiProcess.start(
    {
      DATABASE_URL: o.databaseUrl,
      JWT_SECRET_KEY: o.jwtSecret,
      UPLOAD_DIR: o.uploadDir,
      // Every instance of a run must share one channel (the default): the Redis server is the run's own.
      ...(o.redisUrl ? { REDIS_URL: o.redisUrl } : {}),
      ...o.env,
    },
    {
      name: o.name,
      nodeArgs: o.nodeArgs ?? [],
      entry: API_ENTRY,
      inherit: parentEnv,
      maxOutput: 65_536,
      startTimeoutMs: 30_000,
    },
  );
  const proc = api.proc;
  if (!proc) throw new Error(`${o.name} did not start`);
  return { name: o.name, baseUrl: api.baseUrl, port: api.port, proc, stop: () => api.dispose() };
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
