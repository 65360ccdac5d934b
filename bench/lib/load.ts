// autocannon runs (the load generator) and the in-run baseline they are compared with.
import autocannon from 'autocannon';
import type { HttpServer } from './servers.js';

export type LoadResult = autocannon.Result;

/** Runs autocannon and resolves with its result. */
export function runLoad(opts: autocannon.Options): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon({ timeout: 10, ...opts }, (err, result) => {
      if (err) reject(err);
      else resolve(result);
    });
  });
}

/** Throughput and latency of one run, with every kind of failure counted. */
export interface LoadSummary {
  connections: number;
  durationSec: number;
  /** Responses received. */
  requests: number;
  /** Requests written (more than `requests` when the run stopped with requests in flight). */
  sent: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  errors: number;
  statusCodes: Record<string, number>;
}

export function summarize(r: LoadResult, connections: number, okStatus = '2xx'): LoadSummary {
  const ok = okStatus === '2xx' ? r['2xx'] : (r.statusCodeStats[okStatus]?.count ?? 0);
  const completed = r['1xx'] + r['2xx'] + r['3xx'] + r['4xx'] + r['5xx'];
  const statusCodes: Record<string, number> = {};
  for (const [code, s] of Object.entries(r.statusCodeStats)) statusCodes[code] = s.count;
  return {
    connections,
    durationSec: r.duration,
    requests: completed,
    sent: r.requests.sent,
    rps: completed / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    ok,
    errors: r.errors + r.timeouts + (completed - ok),
    statusCodes,
  };
}

/** Several runs of the same load as one: counts add up, p50 is the median round's, p99 the worst round's. */
function combine(runs: LoadSummary[]): LoadSummary {
  const first = runs[0];
  if (!first) throw new Error('no runs to combine');
  const sum = (f: (r: LoadSummary) => number) => runs.reduce((n, r) => n + f(r), 0);
  const p50s = runs.map((r) => r.p50Ms).sort((a, b) => a - b);
  const statusCodes: Record<string, number> = {};
  for (const r of runs)
    for (const [k, v] of Object.entries(r.statusCodes)) statusCodes[k] = (statusCodes[k] ?? 0) + v;
  const durationSec = sum((r) => r.durationSec);
  const requests = sum((r) => r.requests);
  return {
    connections: first.connections,
    durationSec,
    requests,
    sent: sum((r) => r.sent),
    rps: requests / durationSec,
    p50Ms: p50s[Math.floor((p50s.length - 1) / 2)] ?? NaN,
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    ok: sum((r) => r.ok),
    errors: sum((r) => r.errors),
    statusCodes,
  };
}

export interface Paired {
  scenario: LoadSummary;
  baseline: LoadSummary;
  /** req/s of each round, baseline and scenario, in the order they ran. */
  rounds: { baselineRps: number; scenarioRps: number }[];
}

/**
 * The machine is shared (load generator, server, database, and whatever else runs), so throughput drifts
 * over minutes: the baseline and the scenario run in alternating rounds of the same length and
 * connection count, and each is the total over its rounds.
 */
export async function paired(
  baseline: Baseline,
  connections: number,
  rounds: number,
  durationSec: number,
  run: (durationSec: number) => Promise<LoadSummary>,
): Promise<Paired> {
  const b: LoadSummary[] = [];
  const s: LoadSummary[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await baseline.measure(connections, durationSec));
    s.push(await run(durationSec));
  }
  return {
    scenario: combine(s),
    baseline: combine(b),
    rounds: b.map((x, i) => ({ baselineRps: x.rps, scenarioRps: s[i]?.rps ?? NaN })),
  };
}

/** The baseline server: a minimal Fastify JSON handler under the same load generator. */
export class Baseline {
  private readonly runs: LoadSummary[] = [];
  private warmed = false;
  constructor(private readonly server: HttpServer) {}

  /** Peak req/s of the baseline at `connections` for `durationSec` (`path` `/bytes/<n>`: an n-byte body). */
  async measure(connections: number, durationSec: number, path = '/'): Promise<LoadSummary> {
    const url = `${this.server.baseUrl}${path}`;
    if (!this.warmed) {
      await runLoad({ url, connections, duration: 2 });
      this.warmed = true;
    }
    const s = summarize(await runLoad({ url, connections, duration: durationSec }), connections);
    this.runs.push(s);
    return s;
  }

  /** Latency of the baseline at a fixed request rate. */
  async atRate(connections: number, rate: number, durationSec: number): Promise<LoadSummary> {
    const s = summarize(
      await runLoad({
        url: `${this.server.baseUrl}/`,
        connections,
        overallRate: rate,
        duration: durationSec,
      }),
      connections,
    );
    this.runs.push(s);
    return s;
  }

  all(): LoadSummary[] {
    return this.runs;
  }
}
