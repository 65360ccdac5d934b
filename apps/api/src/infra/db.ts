import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, MysqlDialect, SqliteDialect, sql } from 'kysely';
import { createPool } from 'mysql2';
import type { DatabaseConfig } from '../config/index.js';
import type { Database } from '../db/types.js';

export type Db = Kysely<Database>;

export interface DbHandle {
  db: Db;
  dialect: DatabaseConfig['dialect'];
  /** Cheap liveness probe used by /health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Opens the configured database: SQLite in WAL mode, or a mysql2 pool normalised to UTC and utf8mb4. */
export function openDatabase(config: DatabaseConfig): DbHandle {
  let db: Db;
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') mkdirSync(dirname(config.filename), { recursive: true });
    const sqlite = new SQLite(config.filename);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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
    db = new Kysely<Database>({ dialect: new MysqlDialect({ pool }) });
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
    close: () => db.destroy(),
  };
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
