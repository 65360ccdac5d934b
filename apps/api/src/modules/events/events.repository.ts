import type { EventType, StoreEvent, EventPayload } from '@table-order/contracts';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/types.js';
import type { Db } from '../../infra/db.js';

type Trx = Transaction<Database>;

/**
 * Starts a store write: bumps the store's event counter (row lock on MySQL, so one store's writes are
 * serialised and event ids commit in order) and returns the id reserved for this transaction's event.
 */
export async function reserveEventId(
  trx: Trx,
  storeId: number,
  opts: { menuChanged?: boolean } = {},
): Promise<number> {
  await trx
    .updateTable('stores')
    .set((eb) => ({
      event_seq: eb('event_seq', '+', 1),
      ...(opts.menuChanged ? { menu_version: eb('menu_version', '+', 1) } : {}),
    }))
    .where('id', '=', storeId)
    .execute();
  const row = await trx
    .selectFrom('stores')
    .select('event_seq')
    .where('id', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(row.event_seq);
}

/** Appends an event row inside the caller's transaction and returns the event to publish after commit. */
export async function appendEvent<T extends EventType>(
  trx: Trx,
  e: { storeId: number; id: number; type: T; tableId: number | null; payload: EventPayload<T>; now: number },
): Promise<StoreEvent<T>> {
  await trx
    .insertInto('events')
    .values({
      store_id: e.storeId,
      id: e.id,
      type: e.type,
      table_id: e.tableId,
      payload: JSON.stringify(e.payload),
      created_at: e.now,
    })
    .execute();
  return { id: e.id, type: e.type, tableId: e.tableId, payload: e.payload };
}

/** Events of a store after `afterId`, oldest first (replay). */
export async function listEventsAfter(
  db: Db,
  storeId: number,
  afterId: number,
  limit: number,
): Promise<StoreEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(['id', 'type', 'table_id', 'payload'])
    .where('store_id', '=', storeId)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type as EventType,
    tableId: r.table_id,
    payload: JSON.parse(r.payload) as StoreEvent['payload'],
  }));
}
