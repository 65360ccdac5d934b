import type { DeviceCredentialRow } from '../../db/types.js';
import type { Queryable } from '../../infra/db.js';

export type CredentialRow = Pick<
  DeviceCredentialRow,
  'id' | 'store_id' | 'table_id' | 'token_version' | 'replaced_at'
>;

export async function insertCredential(
  db: Queryable,
  values: {
    storeId: number;
    tableId: number;
    tokenVersion: number;
    secretHash: string;
    parentId: number | null;
    now: number;
  },
): Promise<void> {
  await db
    .insertInto('device_credentials')
    .values({
      store_id: values.storeId,
      table_id: values.tableId,
      token_version: values.tokenVersion,
      secret_hash: values.secretHash,
      parent_id: values.parentId,
      created_at: values.now,
      replaced_at: null,
    })
    .execute();
}

export function findByHash(db: Queryable, secretHash: string): Promise<CredentialRow | undefined> {
  return db
    .selectFrom('device_credentials')
    .select(['id', 'store_id', 'table_id', 'token_version', 'replaced_at'])
    .where('secret_hash', '=', secretHash)
    .executeTakeFirst()
    .then((r) =>
      r ? { ...r, replaced_at: r.replaced_at == null ? null : Number(r.replaced_at) } : undefined,
    );
}

/** Marks a credential used (replaced) unless it already was; false when another use got there first. */
export async function markReplaced(db: Queryable, id: number, now: number): Promise<boolean> {
  const r = await db
    .updateTable('device_credentials')
    .set({ replaced_at: now })
    .where('id', '=', id)
    .where('replaced_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes the credentials that replaced `id` and were never used themselves (their answer was lost). */
export async function deleteUnusedSuccessors(db: Queryable, id: number): Promise<void> {
  await db
    .deleteFrom('device_credentials')
    .where('parent_id', '=', id)
    .where('replaced_at', 'is', null)
    .execute();
}

/** Deletes every credential of a table. */
export async function deleteForTable(db: Queryable, tableId: number): Promise<void> {
  await db.deleteFrom('device_credentials').where('table_id', '=', tableId).execute();
}

/** Deletes credentials replaced at or before `before` (past their grace period). */
export async function deleteReplacedBefore(db: Queryable, before: number): Promise<number> {
  const r = await db.deleteFrom('device_credentials').where('replaced_at', '<=', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}
