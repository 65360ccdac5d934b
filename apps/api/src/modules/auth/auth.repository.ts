import { sql } from 'kysely';
import type { Db } from '../../infra/db.js';

/** Store by its public identifier. */
export function findStoreByIdentifier(db: Db, identifier: string) {
  return db
    .selectFrom('stores')
    .select(['id', 'identifier', 'name', 'time_zone'])
    .where('identifier', '=', identifier)
    .executeTakeFirst();
}

export function findStoreById(db: Db, id: number) {
  return db
    .selectFrom('stores')
    .select(['id', 'identifier', 'name', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findAdmin(db: Db, storeId: number, username: string) {
  return db
    .selectFrom('admins')
    .select(['id', 'username', 'password_hash'])
    .where('store_id', '=', storeId)
    .where('username', '=', username)
    .executeTakeFirst();
}

/** A live (not deleted) table by number. */
export function findLiveTableByNumber(db: Db, storeId: number, number: number) {
  return db
    .selectFrom('dining_tables')
    .select(['id', 'number', 'password_hash', 'token_version'])
    .where('store_id', '=', storeId)
    .where('live_number', '=', number)
    .executeTakeFirst();
}

/** What a table token is checked against on every request. */
export interface TableAuthState {
  id: number;
  store_id: number;
  number: number;
  token_version: number;
  deleted_at: number | null;
}

/** What a table token is checked against on every request. */
export function findTableAuthState(db: Db, tableId: number): Promise<TableAuthState | undefined> {
  return db
    .selectFrom('dining_tables')
    .select(['id', 'store_id', 'number', 'token_version', 'deleted_at'])
    .where('id', '=', tableId)
    .executeTakeFirst();
}

/**
 * Atomically counts one failure for `key` in a fixed window starting at its first failure;
 * returns the count and any lock. Same semantics on SQLite (ON CONFLICT) and MySQL (ON DUPLICATE KEY).
 */
export async function incrementFailure(
  db: Db,
  dialect: 'sqlite' | 'mysql',
  key: string,
  now: number,
  windowMs: number,
): Promise<{ failCount: number; windowStartedAt: number; lockedUntil: number | null }> {
  const expired = now - windowMs;
  if (dialect === 'sqlite') {
    await sql`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
      values (${key}, 1, ${now}, null)
      on conflict (scope_key) do update set
        fail_count = case when login_failures.window_started_at <= ${expired} then 1 else login_failures.fail_count + 1 end,
        window_started_at = case when login_failures.window_started_at <= ${expired} then ${now} else login_failures.window_started_at end`.execute(
      db,
    );
  } else {
    // MySQL evaluates the assignments left to right: fail_count must read the old window first.
    await sql`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
      values (${key}, 1, ${now}, null)
      on duplicate key update
        fail_count = case when window_started_at <= ${expired} then 1 else fail_count + 1 end,
        window_started_at = case when window_started_at <= ${expired} then ${now} else window_started_at end`.execute(
      db,
    );
  }
  const row = await db
    .selectFrom('login_failures')
    .select(['fail_count', 'window_started_at', 'locked_until'])
    .where('scope_key', '=', key)
    .executeTakeFirstOrThrow();
  return {
    failCount: Number(row.fail_count),
    windowStartedAt: Number(row.window_started_at),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  };
}

export function getFailures(db: Db, key: string) {
  return db
    .selectFrom('login_failures')
    .select(['fail_count', 'window_started_at', 'locked_until'])
    .where('scope_key', '=', key)
    .executeTakeFirst();
}

export async function lockKey(db: Db, key: string, until: number, now: number): Promise<void> {
  await db
    .updateTable('login_failures')
    .set({ locked_until: until, fail_count: 0, window_started_at: now })
    .where('scope_key', '=', key)
    .execute();
}

export async function clearKey(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('scope_key', '=', key).execute();
}

/** Removes counters whose window and lock are both over. */
export async function purgeFailures(db: Db, before: number): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('window_started_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}
