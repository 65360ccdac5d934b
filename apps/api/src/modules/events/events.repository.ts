import type { EventType, StoreEvent, EventPayload } from '@table-order/contracts';
import type { Db, Trx } from '../../infra/db.js';
import { STORE_WIDE_EVENTS, otherTableOf } from './event-scope.js';

/**
 * Starts a store write (see writeWithEvent): bumps the store's event counter (row lock on MySQL, so one
 * store's writes are serialised and event ids commit in order) and returns the id reserved for this
 * transaction's event with the store's time zone: one statement where the dialect has
 * UPDATE … RETURNING (SQLite), an update and one read otherwise (MySQL).
 */
export async function reserveEvent(
  trx: Trx,
  storeId: number,
  opts: { menuChanged?: boolean; count?: number } = {},
): Promise<{ eventId: number; timeZone: string }> {
  const update = trx
    .updateTable('stores')
    .set((eb) => ({
      // `count` ids at once (a batch of orders): the answer is the last of them.
      event_seq: eb('event_seq', '+', opts.count ?? 1),
      ...(opts.menuChanged ? { menu_version: eb('menu_version', '+', 1) } : {}),
    }))
    .where('id', '=', storeId);
  if (trx.getExecutor().adapter.supportsReturning) {
    const row = await update.returning(['event_seq', 'time_zone']).executeTakeFirstOrThrow();
    return { eventId: Number(row.event_seq), timeZone: row.time_zone };
  }
  await update.execute();
  const row = await trx
    .selectFrom('stores')
    .select(['event_seq', 'time_zone'])
    .where('id', '=', storeId)
    .executeTakeFirstOrThrow();
  return { eventId: Number(row.event_seq), timeZone: row.time_zone };
}

// The JSON text of each event's payload, serialised once when the event was written: the SSE frame and,
// for order.created, the API's 201 body reuse it (kept beside the event, not on it, so the Redis wire
// message does not carry it twice).
const payloadTexts = new WeakMap<StoreEvent, string>();

/** An event's payload as JSON text (serialised once per event object). */
export function payloadJson(event: StoreEvent): string {
  let text = payloadTexts.get(event);
  if (text === undefined) {
    text = JSON.stringify(event.payload);
    payloadTexts.set(event, text);
  }
  return text;
}

/** Appends an event row inside the caller's transaction and returns the event to publish after commit. */
export async function appendEvent<T extends EventType>(
  trx: Trx,
  e: { storeId: number; id: number; type: T; tableId: number | null; payload: EventPayload<T>; now: number },
): Promise<StoreEvent<T>> {
  const text = JSON.stringify(e.payload);
  await trx
    .insertInto('events')
    .values({
      store_id: e.storeId,
      id: e.id,
      type: e.type,
      table_id: e.tableId,
      other_table_id: otherTableOf(e),
      payload: text,
      created_at: e.now,
    })
    .execute();
  const event: StoreEvent<T> = { id: e.id, type: e.type, tableId: e.tableId, payload: e.payload };
  payloadTexts.set(event, text);
  return event;
}

/** Appends several events of one store in one multi-row insert (a batch of orders); see appendEvent. */
export async function appendEvents<T extends EventType>(
  trx: Trx,
  storeId: number,
  now: number,
  events: { id: number; type: T; tableId: number | null; payload: EventPayload<T> }[],
): Promise<StoreEvent<T>[]> {
  if (events.length === 0) return [];
  const texts = events.map((e) => JSON.stringify(e.payload));
  await trx
    .insertInto('events')
    .values(
      events.map((e, i) => ({
        store_id: storeId,
        id: e.id,
        type: e.type,
        table_id: e.tableId,
        other_table_id: otherTableOf(e),
        payload: texts[i] ?? '',
        created_at: now,
      })),
    )
    .execute();
  return events.map((e, i) => {
    const event: StoreEvent<T> = { id: e.id, type: e.type, tableId: e.tableId, payload: e.payload };
    payloadTexts.set(event, texts[i] ?? '');
    return event;
  });
}

/**
 * Type of the purge marker: the newest purged event row of a store is kept with this type and an empty
 * payload, so a replay can tell "nothing happened" from "events were purged" (see purgeEventsBefore).
 */
const PURGED_MARKER = '_purged';

/** Events of a store after `afterId`, oldest first (replay); with `tableId`, that table's and the store-wide ones. */
export async function listEventsAfter(
  db: Db,
  storeId: number,
  afterId: number,
  limit: number,
  tableId?: number,
): Promise<StoreEvent[]> {
  let q = db
    .selectFrom('events')
    .select(['id', 'type', 'table_id', 'payload', 'created_at'])
    .where('store_id', '=', storeId)
    .where('id', '>', afterId)
    .where('type', '!=', PURGED_MARKER);
  if (tableId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('table_id', '=', tableId),
        eb('other_table_id', '=', tableId),
        eb('type', 'in', [...STORE_WIDE_EVENTS]),
      ]),
    );
  }
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => {
    const event: StoreEvent = {
      id: Number(r.id),
      type: r.type as EventType,
      tableId: r.table_id,
      payload: JSON.parse(r.payload) as StoreEvent['payload'],
    };
    recordedTimes.set(event, Number(r.created_at));
    return event;
  });
}

// When each event listEventsAfter read was recorded (its row's `created_at`, the write's clock reading).
const recordedTimes = new WeakMap<StoreEvent, number>();

/** When an event read by listEventsAfter was recorded (epoch ms); the hub's delivery-lag reference. */
export function eventRecordedAt(event: StoreEvent): number | undefined {
  return recordedTimes.get(event);
}

/** A stored event as replay reads it: `payload` is the JSON text appendEvent wrote. */
export interface EventLogRow {
  id: number;
  type: string;
  payload: string;
}

/** A replay page: the rows, the purge marker's id if the page met it (else 0), and whether it was full. */
export interface EventLogPage {
  rows: EventLogRow[];
  purgedThrough: number;
  full: boolean;
}

/**
 * The events listEventsAfter returns, with their payloads as stored (no parse: the text is already the
 * frame's one-line `data:`). The purge marker is read too: a purge leaves it as the store's oldest row,
 * so a page after `afterId` starts with it exactly when events after `afterId` were purged (including
 * during a replay).
 */
export async function listEventRowsAfter(
  db: Db,
  storeId: number,
  afterId: number,
  limit: number,
  tableId?: number,
): Promise<EventLogPage> {
  let q = db
    .selectFrom('events')
    .select(['id', 'type', 'payload'])
    .where('store_id', '=', storeId)
    .where('id', '>', afterId);
  if (tableId !== undefined) {
    q = q.where((eb) =>
      eb.or([
        eb('table_id', '=', tableId),
        eb('other_table_id', '=', tableId),
        eb('type', 'in', [...STORE_WIDE_EVENTS, PURGED_MARKER]),
      ]),
    );
  }
  const rows = await q.orderBy('id').limit(limit).execute();
  const page: EventLogPage = { rows: [], purgedThrough: 0, full: rows.length === limit };
  for (const r of rows) {
    const id = Number(r.id);
    if (r.type === PURGED_MARKER) page.purgedThrough = id;
    else page.rows.push({ id, type: r.type, payload: r.payload });
  }
  return page;
}

/**
 * Where a store's event log stands: `seq` is the newest reserved id (every id up to it has committed or
 * rolled back), `purgedThrough` the newest purged id (0 if nothing was purged). Undefined for no store.
 * One statement: the purge marker, when present, is the store's oldest row (primary-key lookups).
 */
export async function eventLogPosition(
  db: Db,
  storeId: number,
): Promise<{ seq: number; purgedThrough: number } | undefined> {
  const row = await db
    .selectFrom('stores')
    .select((eb) => {
      const oldest = eb
        .selectFrom('events')
        .whereRef('events.store_id', '=', 'stores.id')
        .orderBy('events.id')
        .limit(1);
      return [
        'stores.event_seq',
        oldest.select('events.id').as('oldest_id'),
        oldest.select('events.type').as('oldest_type'),
      ];
    })
    .where('stores.id', '=', storeId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    seq: Number(row.event_seq),
    purgedThrough: row.oldest_type === PURGED_MARKER ? Number(row.oldest_id) : 0,
  };
}

/**
 * Deletes every store's events created before `cutoff`. The newest deleted row of each store stays as
 * the purge marker (type PURGED_MARKER, empty payload) and is itself removed by a later purge.
 * Returns the number of rows deleted.
 */
export async function purgeEventsBefore(db: Db, cutoff: number): Promise<number> {
  const old = await db
    .selectFrom('events')
    .select((eb) => ['store_id', eb.fn.max('id').as('last')])
    .where('created_at', '<', cutoff)
    .groupBy('store_id')
    .execute();
  let deleted = 0;
  for (const row of old) {
    const last = Number(row.last);
    // One transaction: a replay reading in between never sees events gone without the marker in place.
    await db.transaction().execute(async (trx) => {
      const res = await trx
        .deleteFrom('events')
        .where('store_id', '=', row.store_id)
        .where('id', '<', last)
        .executeTakeFirst();
      deleted += Number(res.numDeletedRows);
      await trx
        .updateTable('events')
        .set({ type: PURGED_MARKER, table_id: null, other_table_id: null, payload: '{}' })
        .where('store_id', '=', row.store_id)
        .where('id', '=', last)
        .where('type', '!=', PURGED_MARKER)
        .execute();
    });
  }
  return deleted;
}
