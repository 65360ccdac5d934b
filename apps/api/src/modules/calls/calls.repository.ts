import type { CallRow, NewCall } from '../../db/types.js';
import type { Queryable, Trx } from '../../infra/db.js';

const columns = [
  'id',
  'table_id',
  'table_number',
  'reasons',
  'message',
  'status',
  'request_hash',
  'created_at',
  'acknowledged_at',
] as const;
export type CallRecord = Pick<CallRow, (typeof columns)[number]>;

export function findCall(db: Queryable, storeId: number, id: number): Promise<CallRecord | undefined> {
  return db
    .selectFrom('calls')
    .select(columns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
}

export function findByIdempotencyKey(
  db: Queryable,
  storeId: number,
  tableId: number,
  key: string,
): Promise<CallRecord | undefined> {
  return db
    .selectFrom('calls')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('table_id', '=', tableId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function countOpen(db: Queryable, tableId: number): Promise<number> {
  const r = await db
    .selectFrom('calls')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('table_id', '=', tableId)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Creation times of the table's calls after `since`, newest first, at most `limit`. */
export async function recentCallTimes(
  db: Queryable,
  tableId: number,
  since: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('calls')
    .select('created_at')
    .where('table_id', '=', tableId)
    .where('created_at', '>', since)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => Number(r.created_at));
}

export async function insertCall(trx: Trx, values: NewCall): Promise<number> {
  const r = await trx.insertInto('calls').values(values).executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** Marks an open call acknowledged; false when it was not open (any more). */
export async function acknowledgeCall(trx: Trx, id: number, now: number): Promise<boolean> {
  const r = await trx
    .updateTable('calls')
    .set({ status: 'acknowledged', acknowledged_at: now })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The table's open calls, newest first. */
export function listOpenForTable(db: Queryable, storeId: number, tableId: number): Promise<CallRecord[]> {
  return db
    .selectFrom('calls')
    .select(columns)
    .where('store_id', '=', storeId)
    .where('table_id', '=', tableId)
    .where('status', '=', 'open')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The store's open calls, plus (unless `openOnly`) every call created since `since`; newest first. */
export function listForStore(
  db: Queryable,
  storeId: number,
  opts: { openOnly: boolean; since: number },
): Promise<CallRecord[]> {
  return db
    .selectFrom('calls')
    .select(columns)
    .where('store_id', '=', storeId)
    .where((eb) =>
      opts.openOnly
        ? eb('status', '=', 'open')
        : eb.or([eb('status', '=', 'open'), eb('created_at', '>=', opts.since)]),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1000)
    .execute();
}

/** Closes the table's open calls (checkout), inside the caller's transaction. */
export async function closeOpenCalls(trx: Trx, storeId: number, tableId: number, now: number): Promise<void> {
  await trx
    .updateTable('calls')
    .set({ status: 'closed', closed_at: now })
    .where('store_id', '=', storeId)
    .where('table_id', '=', tableId)
    .where('status', '=', 'open')
    .execute();
}

/** Moves a table's open calls to another table (a move or merge of its party, SPEC 12). */
export async function moveOpenCalls(
  trx: Trx,
  storeId: number,
  fromTableId: number,
  to: { id: number; number: number },
): Promise<void> {
  await trx
    .updateTable('calls')
    .set({ table_id: to.id, table_number: to.number })
    .where('store_id', '=', storeId)
    .where('table_id', '=', fromTableId)
    .where('status', '=', 'open')
    .execute();
}
