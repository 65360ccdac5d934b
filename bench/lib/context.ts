// What every scenario gets: the baseline, the shared SQLite fixture, and a way to start API instances.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Fixture } from './fixture.js';
import type { Baseline } from './load.js';
import type { Check, Figure } from './report.js';
import { ROOT } from '../../tests/support/common.js';
import { startApi, type ApiOptions, type HttpServer } from './servers.js';

export interface BenchContext {
  /** Seconds each throughput round lasts. */
  durationSec: number;
  /** Alternating baseline/scenario rounds per throughput figure. */
  rounds: number;
  secret: string;
  tmpDir: string;
  baseline: Baseline;
  /** The baseline server's address (for open-loop latency references). */
  baselineUrl: string;
  /** The SQLite database with 20 stores × 10 tables and a 5 × 8 menu each, tablets logged in. */
  sqlite: Fixture;
  /** The same stores on a throwaway MariaDB database, created on first use and dropped after the run. */
  mysql(): Promise<Fixture>;
  /** Figures one scenario leaves for a later one (e.g. B2's order capacity for B3's second rate). */
  measured: Map<string, number>;
  /** Scenario ids whose API processes run with --cpu-prof. */
  profile: Set<string>;
  log: (message: string) => void;
  /** Starts an API instance for `scenario` (profiled when asked), stopped by the runner afterwards. */
  api(
    scenario: string,
    opts: Partial<ApiOptions> & { databaseUrl: string; name: string },
  ): Promise<HttpServer>;
}

export interface ScenarioOutput {
  figures: Figure[];
  checks: Check[];
  details: Record<string, unknown>;
}

export interface Scenario {
  id: string;
  title: string;
  run(ctx: BenchContext): Promise<ScenarioOutput>;
}

export const PROFILE_DIR = join(ROOT, 'bench', 'results', 'tmp', 'profiles');

/** Starts an API instance; with profiling, node writes .cpuprofile files into PROFILE_DIR/<name>-<time>/ when it exits. */
export function apiStarter(
  secret: string,
  tmpDir: string,
  profile: Set<string>,
  started: HttpServer[],
): BenchContext['api'] {
  return async (scenario, opts) => {
    const nodeArgs = [...(opts.nodeArgs ?? [])];
    if (profile.has(scenario)) {
      // One folder per process: node writes a profile per thread (tsx runs its loader in a worker).
      const dir = join(PROFILE_DIR, `${opts.name}-${Date.now()}`);
      mkdirSync(dir, { recursive: true });
      nodeArgs.push('--cpu-prof', '--cpu-prof-dir', dir);
    }
    const server = await startApi({
      jwtSecret: secret,
      uploadDir: join(tmpDir, 'uploads'),
      ...opts,
      nodeArgs,
    });
    started.push(server);
    return server;
  };
}
