// Prometheus figures of one runtime (prom-client). Each runtime has its own registry, so several apps
// in one process (the tests) never mix their figures; the process's own figures (CPU, memory, event
// loop, GC, handles) are the process's, and prom-client cannot stop their collectors, so they live in one
// registry per process, created on first use. Label values are bounded: route templates, methods, status
// classes and fixed kinds — never ids, tokens, names or raw URLs.
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from './db.js';
import type { HubStatus } from './event-hub.js';

/** A live stream's kind: a table's (tablet) or a store's (dashboard). */
export type StreamKind = 'table' | 'admin';
/** Whose login failed: an admin account or a table. */
export type AccountKind = 'admin' | 'table';

/** What the figures read at scrape time. */
export interface MetricsSources {
  hub: { status(): HubStatus; reconnects(): number };
  pool: () => PoolStats;
  /** Release and database dialect, for `table_order_build_info`. */
  version: string;
  dialect: 'sqlite' | 'mysql';
}

const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Includes 2 s exactly: the alert fires on the p99 above it. */
const LAG_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10];
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
const HUB_STATES: readonly HubStatus[] = ['ok', 'down', 'disabled'];
/** The route label of a request no route matched (unknown paths answer 404 there). */
export const UNMATCHED_ROUTE = 'unmatched';

let processRegistry: Registry | undefined;

/** The process's own figures (prom-client's default metrics), collected once per process. */
export function processFigures(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The runtime's instruments; modules get it as `ctx.metrics` and call the small methods below. */
export class Metrics {
  readonly registry = new Registry();
  readonly contentType = this.registry.contentType;
  private readonly http: Histogram<'method' | 'route' | 'status_class'>;
  private readonly orders: Counter;
  private readonly streamsOpen: Gauge<'kind'>;
  private readonly lag: Histogram<'kind'>;
  private readonly replays: Counter<'kind' | 'outcome'>;
  private readonly loginFailures: Counter<'kind'>;
  private readonly lockouts: Counter<'kind'>;

  constructor(sources: MetricsSources) {
    const registers = [this.registry];
    this.http = new Histogram({
      name: 'table_order_http_request_duration_seconds',
      help: 'HTTP requests by method, route template and status class (live streams excluded), in seconds.',
      labelNames: ['method', 'route', 'status_class'],
      buckets: HTTP_BUCKETS,
      registers,
    });
    this.orders = new Counter({
      name: 'table_order_orders_placed_total',
      help: 'Orders placed (idempotent repeats not counted).',
      registers,
    });
    this.streamsOpen = new Gauge({
      name: 'table_order_streams_open',
      help: 'Live event streams open on this instance, by kind (table, admin).',
      labelNames: ['kind'],
      registers,
    });
    for (const kind of ['table', 'admin']) this.streamsOpen.set({ kind }, 0);
    this.lag = new Histogram({
      name: 'table_order_event_delivery_lag_seconds',
      help: 'From an event commit to its frame written to a live stream, per stream, in seconds.',
      labelNames: ['kind'],
      buckets: LAG_BUCKETS,
      registers,
    });
    this.replays = new Counter({
      name: 'table_order_stream_replays_total',
      help: 'Reconnecting streams served a replay after Last-Event-ID, or told to resync (outcome).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    new Gauge({
      name: 'table_order_redis_state',
      help: 'Redis pub/sub state of this instance: 1 for the current state (ok, down, disabled).',
      labelNames: ['state'],
      registers,
      collect() {
        const now = sources.hub.status();
        for (const state of HUB_STATES) this.set({ state }, state === now ? 1 : 0);
      },
    });
    new Counter({
      name: 'table_order_redis_reconnects_total',
      help: 'Times the Redis subscription came back after it was lost.',
      registers,
      collect() {
        this.reset();
        this.inc(sources.hub.reconnects());
      },
    });
    const pool = (name: string, help: string, read: (s: PoolStats) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read(sources.pool()));
        },
      });
    pool('table_order_db_pool_max', 'Connections the database pool may open (SQLite: 1).', (s) => s.max);
    pool('table_order_db_pool_size', 'Connections the database pool has open.', (s) => s.size);
    pool('table_order_db_pool_in_use', 'Database connections handed out.', (s) => s.inUse);
    pool('table_order_db_pool_waiting', 'Callers waiting for a database connection.', (s) => s.waiting);
    new Counter({
      name: 'table_order_db_timeouts_total',
      help: 'Database waits given up: for a pooled connection (acquire) or a statement (statement).',
      labelNames: ['kind'],
      registers,
      collect() {
        const s = sources.pool();
        this.reset();
        this.inc({ kind: 'acquire' }, s.acquireTimeouts);
        this.inc({ kind: 'statement' }, s.statementTimeouts);
      },
    });
    this.loginFailures = new Counter({
      name: 'table_order_login_failures_total',
      help: 'Failed logins (wrong store, account or password), by kind (admin, table).',
      labelNames: ['kind'],
      registers,
    });
    this.lockouts = new Counter({
      name: 'table_order_login_lockouts_total',
      help: 'Accounts locked after repeated failed logins, by kind (admin, table).',
      labelNames: ['kind'],
      registers,
    });
    for (const kind of ['admin', 'table']) {
      this.loginFailures.inc({ kind }, 0);
      this.lockouts.inc({ kind }, 0);
    }
    new Gauge({
      name: 'table_order_build_info',
      help: 'The release and database dialect of this instance (always 1).',
      labelNames: ['version', 'dialect'],
      registers,
    }).set({ version: sources.version, dialect: sources.dialect }, 1);
  }

  /** One answered request; `route` is its route template (undefined when no route matched). */
  requestServed(method: string, route: string | undefined, status: number, seconds: number): void {
    this.http.observe(
      {
        method: METHODS.has(method) ? method : 'OTHER',
        route: route ?? UNMATCHED_ROUTE,
        status_class: `${Math.floor(status / 100)}xx`,
      },
      seconds,
    );
  }

  orderPlaced(): void {
    this.orders.inc();
  }

  /** A live stream started; returns what to call once it ends. */
  streamOpened(kind: StreamKind): () => void {
    this.streamsOpen.inc({ kind });
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.streamsOpen.dec({ kind });
    };
  }

  /** A live event's frame was written to a stream; `committedAt` (epoch ms) when known. */
  eventWritten(kind: StreamKind, committedAt: number | undefined): void {
    if (committedAt === undefined) return;
    this.lag.observe({ kind }, Math.max(0, Date.now() - committedAt) / 1000);
  }

  replayServed(kind: StreamKind, outcome: 'replay' | 'resync'): void {
    this.replays.inc({ kind, outcome });
  }

  /** A failed login; `locked` when this failure locked the account. */
  loginFailed(kind: AccountKind, locked: boolean): void {
    this.loginFailures.inc({ kind });
    if (locked) this.lockouts.inc({ kind });
  }

  /** The text exposition: this runtime's figures, then the process's. */
  async render(): Promise<string> {
    const own = await this.registry.metrics();
    const proc = await processFigures().metrics();
    return `${own.endsWith('\n') ? own : `${own}\n`}${proc}`;
  }
}

export interface MetricsListener {
  /** The port it listens on (the configured one, or the one the system chose for 0). */
  port: number;
  close(): Promise<void>;
}

/**
 * Serves `GET /metrics` on its own listener (never through the public site): a bare HTTP server, so a
 * scrape costs no Fastify hooks and shows up in no request figures. Rejects if the port is taken.
 */
export async function startMetricsListener(
  metrics: Metrics,
  opts: { host: string; port: number },
): Promise<MetricsListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: try /metrics\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8' }).end();
      return;
    }
    metrics.render().then(
      (text) => {
        res.writeHead(200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (err: unknown) => {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`${String(err)}\n`);
      },
    );
  });
  server.keepAliveTimeout = 65_000; // longer than Prometheus' idle connections, so scrapes reuse one
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  return {
    port: typeof addr === 'object' && addr ? addr.port : opts.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      }),
  };
}
