import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  MysqlDialect,
  SqliteDialect,
  SqliteDriver,
  sql,
  type DatabaseConnection,
  type Driver,
  type MysqlPool,
  type MysqlPoolConnection,
  type SqliteDatabase,
  type SqliteDialectConfig,
  type Transaction,
} from 'kysely';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import type { DatabaseConfig } from '../config/index.js';
import type { Database } from '../db/types.js';
import { SqliteCheckpointer } from './sqlite-checkpointer.js';

export type Db = Kysely<Database>;
/** A transaction on the database: what writes that must commit together receive. */
export type Trx = Transaction<Database>;
/** What a repository query runs on: the database itself or a caller's transaction. */
export type Queryable = Db | Trx;

export interface DbHandle {
  db: Db;
  dialect: DatabaseConfig['dialect'];
  /** Cheap liveness probe used by /health. */
  ping(): Promise<boolean>;
  /** Where warnings of background work (the SQLite checkpoint worker) go from now on. */
  useLogger(log: DbLogger): void;
  /** The connection pool as it stands (read by the metrics at each scrape). */
  poolStats(): PoolStats;
  close(): Promise<void>;
}

/**
 * A connection pool's figures. SQLite has one connection, queued first come first served: `size` and
 * `max` are 1, `inUse` whether it is held, `waiting` the queue; it has no timeouts.
 */
export interface PoolStats {
  /** Connections the pool may open. */
  max: number;
  /** Connections open now. */
  size: number;
  /** Connections handed out now. */
  inUse: number;
  /** Callers waiting for a connection now. */
  waiting: number;
  /** Waits for a connection given up after ACQUIRE_TIMEOUT_MS, since start. */
  acquireTimeouts: number;
  /** Statements given up after QUERY_TIMEOUT_MS, since start. */
  statementTimeouts: number;
}

/** Opens the configured database: SQLite in WAL mode, or a mysql2 pool normalised to UTC and utf8mb4. */
export function openDatabase(config: DatabaseConfig): DbHandle {
  let db: Db;
  let checkpointer: SqliteCheckpointer | undefined;
  let poolStats: () => PoolStats;
  // Until the app hands over its logger (useLogger), warnings go to stderr.
  let log: DbLogger = {
    warn: (obj, msg) => {
      console.warn(msg, obj);
    },
  };
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    const sqlite = new SQLite(config.filename);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    if (config.filename !== ':memory:') {
      // Checkpoints run on a worker thread (see SqliteCheckpointer); should it fail, SQLite's own
      // come back, every 10,000 pages (~40 MB): the pages every order rewrites (store row, counters,
      // index roots) are then copied once per checkpoint rather than once per 1,000 pages of log.
      sqlite.pragma('wal_autocheckpoint = 0');
      checkpointer = new SqliteCheckpointer(
        config.filename,
        { intervalMs: CHECKPOINT_INTERVAL_MS, restartAboveBytes: WAL_RESTART_BYTES },
        (err) => {
          sqlite.pragma('wal_autocheckpoint = 10000');
          log.warn({ err }, 'the SQLite checkpoint worker failed; checkpoints run on commit again');
        },
        (message) => {
          log.warn({ message }, 'SQLite checkpoint failed; the next one retries');
        },
      );
    }
    const dialect = new FifoSqliteDialect({ database: withStatementCache(sqlite) });
    db = new Kysely<Database>({ dialect });
    poolStats = () => {
      const queue = dialect.driver?.queue() ?? { held: false, waiting: 0 };
      return {
        max: 1,
        size: 1,
        inUse: queue.held ? 1 : 0,
        waiting: queue.waiting,
        acquireTimeouts: 0,
        statementTimeouts: 0,
      };
    };
  } else {
    const pool = createPool({
      uri: config.uri,
      connectionLimit: config.poolSize,
      timezone: 'Z',
      charset: 'utf8mb4_bin',
      decimalNumbers: true,
      supportBigNumbers: false,
      connectTimeout: 3000,
      enableKeepAlive: true,
      // Fail fast instead of queueing forever when every connection is stuck on a dead server.
      queueLimit: 1000,
    });
    const counted = bounded(pool);
    db = new Kysely<Database>({ dialect: new MysqlDialect({ pool: counted.pool }) });
    poolStats = () => ({ ...counted.stats, max: config.poolSize, size: openConnections(pool) });
  }
  return {
    db,
    dialect: config.dialect,
    async ping() {
      try {
        await withTimeout(sql`select 1`.execute(db), 2000);
        return true;
      } catch {
        return false;
      }
    },
    useLogger(logger: DbLogger) {
      log = logger;
    },
    poolStats: () => poolStats(),
    async close() {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}

/** The slice of the app's (pino) logger the database layer uses. */
export interface DbLogger {
  warn(obj: object, msg: string): void;
}

/** How often the SQLite checkpoint worker runs, and the WAL size at which it makes the log start over. */
const CHECKPOINT_INTERVAL_MS = 250;
const WAL_RESTART_BYTES = 64 * 1024 * 1024;

/**
 * Kysely's SQLite driver guards its one connection with a mutex that wakes every waiter on each release,
 * and all but one go back to waiting: with N requests queued (one per open HTTP request under load), a
 * release costs N wake-ups, and a busy server spends more time there than in SQLite. This driver queues
 * callers first come, first served in front of that mutex, so at most one of them ever waits on it.
 */
class FifoSqliteDriver extends SqliteDriver {
  private readonly waiting: (() => void)[] = [];
  private held = false;

  /** Whether the connection is held, and how many callers wait for it. */
  queue(): { held: boolean; waiting: number } {
    return { held: this.held, waiting: this.waiting.length };
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.held) {
      await new Promise<void>((resolve) => {
        this.waiting.push(resolve);
      });
    }
    this.held = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    // Handing over keeps `held` set, so a newcomer cannot overtake the queue.
    if (next) next();
    else this.held = false;
  }
}

class FifoSqliteDialect extends SqliteDialect {
  /** The driver Kysely asked for (one per Kysely instance), for the pool figures. */
  driver: FifoSqliteDriver | undefined;

  constructor(private readonly driverConfig: SqliteDialectConfig) {
    super(driverConfig);
  }

  override createDriver(): Driver {
    this.driver = new FifoSqliteDriver(this.driverConfig);
    return this.driver;
  }
}

/** Prepared statements kept per SQL text (least recently used dropped first beyond this many). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Kysely's SQLite driver prepares every query anew (about 20 µs each); this keeps the prepared
 * statements by SQL text and reuses them. Safe because the driver runs one statement at a time on its
 * single connection (a streamed query holds the connection until it is done), and SQLite re-prepares a
 * statement by itself after a schema change.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      statements.clear();
      sqlite.close();
    },
    prepare: (text: string) => {
      let stmt = statements.get(text);
      if (stmt) {
        statements.delete(text);
      } else {
        stmt = sqlite.prepare(text);
        if (statements.size >= STATEMENT_CACHE_SIZE) {
          const oldest = statements.keys().next().value;
          if (oldest !== undefined) statements.delete(oldest);
        }
      }
      statements.set(text, stmt);
      return stmt;
    },
  };
}

/** Longest wait for a pooled connection (pool exhausted, or the server not completing handshakes). */
const ACQUIRE_TIMEOUT_MS = 2000;
/**
 * Longest a data statement may go unanswered. Together with ACQUIRE_TIMEOUT_MS it keeps a request under
 * 5 s when the server is frozen or cut off (open connections then hang instead of failing): the request
 * answers 503. Schema changes (migrations) are not bounded.
 */
const QUERY_TIMEOUT_MS = 2500;
const SCHEMA_CHANGE = /^\s*(create|alter|drop|rename|truncate)\b/i;

/** Connections a mysql2 pool has open: its own list (`_allConnections`, internal but stable since mysql2 1.x). */
function openConnections(pool: Pool): number {
  const all = (pool as unknown as { _allConnections?: { length?: unknown } })._allConnections;
  return typeof all?.length === 'number' ? all.length : 0;
}

/**
 * The mysql2 pool as Kysely uses it, with bounded waits for a connection and for each statement, and the
 * figures of those waits (callers waiting, connections handed out, timeouts).
 */
function bounded(pool: Pool): {
  pool: MysqlPool;
  stats: Omit<PoolStats, 'max' | 'size'>;
} {
  const stats = { inUse: 0, waiting: 0, acquireTimeouts: 0, statementTimeouts: 0 };
  const wrapped = new WeakMap<PoolConnection, MysqlPoolConnection>();
  const wrap = (conn: PoolConnection): MysqlPoolConnection => {
    let w = wrapped.get(conn);
    if (!w) {
      const query = (sql: string, values: unknown[], callback?: (err: unknown, result: never) => void) => {
        if (!callback) return conn.query(sql, values); // streaming (unbounded, unused by the app)
        const timeout = SCHEMA_CHANGE.test(sql) ? undefined : QUERY_TIMEOUT_MS;
        conn.query({ sql, values, ...(timeout ? { timeout } : {}) }, (err, result) => {
          // mysql2 leaves a timed-out statement on its connection: drop the connection (the server rolls
          // back its transaction) so it is never reused.
          if (err?.code === 'PROTOCOL_SEQUENCE_TIMEOUT') {
            stats.statementTimeouts++;
            conn.destroy();
          }
          callback(err, result as never);
        });
        return undefined;
      };
      w = {
        query: query as MysqlPoolConnection['query'],
        release: () => {
          stats.inUse--;
          conn.release();
        },
      };
      wrapped.set(conn, w);
    }
    return w;
  };
  const counted: MysqlPool = {
    getConnection(callback) {
      let settled = false;
      stats.waiting++;
      const timer = setTimeout(() => {
        settled = true;
        stats.waiting--;
        stats.acquireTimeouts++;
        const err = Object.assign(new Error('Timed out waiting for a database connection.'), {
          code: 'POOL_ACQUIRE_TIMEOUT',
        });
        callback(err, undefined as never);
      }, ACQUIRE_TIMEOUT_MS);
      pool.getConnection((err, conn) => {
        if (settled) {
          if (!err) conn.release();
          return;
        }
        settled = true;
        stats.waiting--;
        clearTimeout(timer);
        if (err) {
          callback(err, undefined as never);
          return;
        }
        stats.inUse++;
        callback(null, wrap(conn));
      });
    },
    end: (callback) => {
      pool.end(callback);
    },
  };
  return { pool: counted, stats };
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new Error('timeout'));
      }, ms);
    }),
  ]).finally(() => {
    clearTimeout(timer);
  });
}
