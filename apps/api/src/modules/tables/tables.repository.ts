import type { Db } from '../../infra/db.js';

const columns = ['id', 'number', 'session_id'] as const;

/** Live tables of a store in number order. */
export function listTables(db: Db, storeId: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .orderBy('number')
    .execute();
}

/** A live table of this store, or undefined (another store's table is "not found"). */
export function findTable(db: Db, storeId: number, id: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findByNumber(db: Db, storeId: number, number: number) {
  return db
    .selectFrom('dining_tables')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('live_number', '=', number)
    .executeTakeFirst();
}

export async function insertTable(
  db: Db,
  storeId: number,
  number: number,
  passwordHash: string,
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('dining_tables')
    .values({
      store_id: storeId,
      number,
      live_number: number,
      password_hash: passwordHash,
      session_id: null,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** Applies a number and/or password change; a password change revokes the table's tokens. */
export async function updateTable(
  db: Db,
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

/** Soft-deletes a table (its history stays) and revokes its tokens; only when no session is open. */
export async function softDeleteIdleTable(db: Db, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('dining_tables')
    .set((eb) => ({
      deleted_at: now,
      live_number: null,
      updated_at: now,
      token_version: eb('token_version', '+', 1),
    }))
    .where('id', '=', id)
    .where('session_id', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
