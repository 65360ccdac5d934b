// Online backup and checked restore of the SQLite database (`npm run db:backup` / `db:restore`): SQLite's
// backup API through better-sqlite3, from a connection of its own, while the server keeps writing.
import { existsSync, mkdirSync, renameSync, rmSync, statSync, chmodSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { MIGRATION_TABLE } from '../db/migrator.js';

/** A refused backup or restore, with a message for the operator. */
export class BackupError extends Error {}

/** What a checked database file holds. */
export interface BackupFacts {
  bytes: number;
  pages: number;
  /** The newest migration recorded in it. */
  migration: string;
}

/** Pages per backup step after the first: all of them, so the copy is one read transaction (a snapshot). */
const ALL_PAGES = 0x7fffffff;

/**
 * Copies the live database at `source` into a new file `out` (refused if it exists), consistent while
 * orders keep coming: the copy after the first (empty) step is a single step, one read transaction, so
 * it is a snapshot of what had committed when it began; in WAL mode writers never wait for it. The copy
 * is then checked (integrity, migrations), made a standalone file (rollback journal, no `-wal` needed),
 * readable by its owner only, and renamed into place.
 */
export async function backupSqlite(source: string, out: string): Promise<BackupFacts> {
  if (source === ':memory:')
    throw new BackupError('DATABASE_URL names an in-memory database: nothing to back up.');
  if (!existsSync(source)) throw new BackupError(`No database at ${source} (DATABASE_URL).`);
  const target = resolve(out);
  if (existsSync(target)) throw new BackupError(`${out} already exists; backups never overwrite a file.`);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (err) {
    rmSync(partial, { force: true });
    throw new BackupError(`The backup of ${source} failed: ${String(err)}`);
  } finally {
    db.close();
  }
  try {
    const copy = new SQLite(partial);
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
    const facts = checkDatabase(partial, 'The backup');
    chmodSync(partial, 0o600); // it holds password hashes
    renameSync(partial, target);
    return facts;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/**
 * Restores a backup into `target`, which must be empty (no file, an empty file, or a database without
 * tables): the backup is checked first (integrity, the migrations table), copied next to the target,
 * checked again, put in WAL mode as the server runs it, and renamed into place.
 */
export async function restoreSqlite(from: string, target: string): Promise<BackupFacts> {
  if (target === ':memory:')
    throw new BackupError('DATABASE_URL names an in-memory database: restore into a file.');
  if (!existsSync(from)) throw new BackupError(`No backup at ${from}.`);
  checkDatabase(from, from);
  assertEmpty(target);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const restoring = `${resolve(target)}.restoring`;
  rmSync(restoring, { force: true });
  const src = new SQLite(from, { readonly: true, fileMustExist: true });
  try {
    await src.backup(restoring, { progress: () => ALL_PAGES });
  } catch (err) {
    rmSync(restoring, { force: true });
    throw new BackupError(`Copying ${from} failed: ${String(err)}`);
  } finally {
    src.close();
  }
  try {
    const facts = checkDatabase(restoring, 'The restored copy');
    // The server runs in WAL mode; closing the last connection folds the log back into the file.
    const copy = new SQLite(restoring);
    try {
      copy.pragma('journal_mode = WAL');
    } finally {
      copy.close();
    }
    if (existsSync(`${restoring}-wal`) && statSync(`${restoring}-wal`).size > 0) {
      throw new BackupError(
        `The restored copy kept a write-ahead log (${restoring}-wal); nothing was replaced.`,
      );
    }
    for (const suffix of ['-wal', '-shm']) rmSync(`${restoring}${suffix}`, { force: true });
    assertEmpty(target); // nothing started on it meanwhile
    for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
    renameSync(restoring, target);
    return facts;
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${restoring}${suffix}`, { force: true });
    throw err;
  }
}

/** Integrity check and a Table Order migrations table, or a BackupError naming `what`. */
export function checkDatabase(file: string, what: string): BackupFacts {
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${what} is damaged (integrity_check: ${problems.slice(0, 3).join('; ')}).`);
    }
    const hasMigrations = db
      .prepare("select 1 from sqlite_master where type = 'table' and name = ?")
      .get(MIGRATION_TABLE);
    if (!hasMigrations)
      throw new BackupError(`${what} is not a Table Order database (no ${MIGRATION_TABLE} table).`);
    const last = db.prepare(`select name from ${MIGRATION_TABLE} order by name desc limit 1`).get() as
      { name: string } | undefined;
    if (!last) throw new BackupError(`${what} has an empty ${MIGRATION_TABLE} table.`);
    const pages = Number(db.pragma('page_count', { simple: true }));
    return { bytes: statSync(file).size, pages, migration: last.name };
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${what} is not a readable SQLite database (${String(err)}).`);
  } finally {
    db?.close();
  }
}

/** Refuses a target that holds anything: a table, or a write-ahead log with frames in it. */
function assertEmpty(target: string): void {
  const wal = `${target}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) {
    throw new BackupError(
      `${target} has a write-ahead log (${wal}): it is in use or holds data; restore into an empty database.`,
    );
  }
  if (!existsSync(target) || statSync(target).size === 0) return;
  let tables: number;
  try {
    const db = new SQLite(target, { readonly: true, fileMustExist: true });
    try {
      tables = (
        db.prepare("select count(*) as n from sqlite_master where type = 'table'").get() as { n: number }
      ).n;
    } finally {
      db.close();
    }
  } catch (err) {
    throw new BackupError(`${target} exists and is not an empty SQLite database (${String(err)}).`);
  }
  if (tables > 0) {
    throw new BackupError(
      `${target} is not empty (${tables} tables); restore only into an empty database (move it away first).`,
    );
  }
}
