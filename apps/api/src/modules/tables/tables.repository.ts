import type { DiningTableRow } from '../../db/types.js';
import type { Queryable } from '../../infra/db.js';

const columns = ['id', 'number', 'session_id'] as const;

/** Live tables of a store in number order. */
export function listTables(db: Queryable, storeId: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .orderBy('number')
    .execute();
}

/** A live table of this store, or undefined (another store's table is "not found"). */
export function findTable(db: Queryable, storeId: number, id: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** Live tables of the store among `ids`, by id (one query for a batch of orders). */
export async function findTables(db: Queryable, storeId: number, ids: number[]) {
  if (ids.length === 0) return new Map<number, { id: number; number: number; session_id: number | null }>();
  const rows = await db
    .selectFrom('dining_tables')
    .select(columns)
    .where('id', 'in', ids)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export function findByNumber(db: Queryable, storeId: number, number: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('live_number', '=', number)
    .executeTakeFirst();
}

/** A new live table's row: `live_number` keeps numbers unique among live tables (NULL once deleted). */
const newTable = (storeId: number, number: number, passwordHash: string, now: number) => ({
  store_id: storeId,
  number,
  live_number: number,
  password_hash: passwordHash,
  session_id: null,
  created_at: now,
  updated_at: now,
  deleted_at: null,
});

export async function insertTable(
  db: Queryable,
  storeId: number,
  number: number,
  passwordHash: string,
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('dining_tables')
    .values(newTable(storeId, number, passwordHash, now))
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** Inserts many live tables sharing one password hash (seeds), 100 rows per statement. */
export async function insertTables(
  db: Queryable,
  storeId: number,
  numbers: number[],
  passwordHash: string,
  now: number,
): Promise<void> {
  for (let i = 0; i < numbers.length; i += 100) {
    await db
      .insertInto('dining_tables')
      .values(numbers.slice(i, i + 100).map((n) => newTable(storeId, n, passwordHash, now)))
      .execute();
  }
}

/** Applies a number and/or password change; a password change revokes the table's tokens. */
export async function updateTable(
  db: Queryable,
  id: number,
  change: { number?: number; passwordHash?: string },
  now: number,
): Promise<void> {
  await db
    .updateTable('dining_tables')
    .set((eb) => ({
      updated_at: now,
      ...(change.number !== undefined ? { number: change.number, live_number: change.number } : {}),
      ...(change.passwordHash !== undefined
        ? { password_hash: change.passwordHash, token_version: eb('token_version', '+', 1) }
        : {}),
    }))
    .where('id', '=', id)
    .execute();
}

/** Revokes every token (and device credential) of a table, password unchanged. */
export async function bumpTokenVersion(db: Queryable, id: number, now: number): Promise<void> {
  await db
    .updateTable('dining_tables')
    .set((eb) => ({ token_version: eb('token_version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .execute();
}

/** Soft-deletes a table (its history stays) and revokes its tokens; only when no session is open. */
export async function softDeleteIdleTable(
  db: Queryable,
  storeId: number,
  id: number,
  now: number,
): Promise<boolean> {
  const r = await db
    .updateTable('dining_tables')
    .set((eb) => ({
      deleted_at: now,
      live_number: null,
      updated_at: now,
      token_version: eb('token_version', '+', 1),
    }))
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('session_id', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Frees a table whose session was closed. */
export async function clearSession(db: Queryable, tableId: number): Promise<void> {
  await db.updateTable('dining_tables').set({ session_id: null }).where('id', '=', tableId).execute();
}

/**
 * Links an idle, live table to a new dining session; false when the table is gone (deleted) or already
 * has one. A conditional update, so it and `softDeleteIdleTable` exclude each other: whichever writes the
 * row first wins, the other changes nothing (on MySQL it waits for the row lock, then re-reads the row).
 */
export async function claimForSession(db: Queryable, tableId: number, sessionId: number): Promise<boolean> {
  const r = await db
    .updateTable('dining_tables')
    .set({ session_id: sessionId })
    .where('id', '=', tableId)
    .where('session_id', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A live table by number, with what a table login checks. */
export function findLiveTableByNumber(db: Queryable, storeId: number, number: number) {
  return db
    .selectFrom('dining_tables')
    .select(['id', 'number', 'password_hash', 'token_version'])
    .where('store_id', '=', storeId)
    .where('live_number', '=', number)
    .executeTakeFirst();
}

/** What a table token is checked against on every request. */
export type TableAuthState = Pick<
  DiningTableRow,
  'id' | 'store_id' | 'number' | 'token_version' | 'deleted_at'
>;

/** What a table token is checked against on every request (deleted tables included). */
export function findTableAuthState(db: Queryable, tableId: number): Promise<TableAuthState | undefined> {
  return db
    .selectFrom('dining_tables')
    .select(['id', 'store_id', 'number', 'token_version', 'deleted_at'])
    .where('id', '=', tableId)
    .executeTakeFirst();
}
