import type { OrderLineOption } from '@table-order/contracts';
import { CompiledQuery, sql } from 'kysely';
import type { NewOrder, OrderItemRow, OrderRow as OrderTableRow } from '../../db/types.js';
import type { Queryable as Q } from '../../infra/db.js';

export const orderColumns = [
  'id',
  'store_id',
  'table_id',
  'table_number',
  'session_id',
  'order_number',
  'status',
  'note',
  'total_amount',
  'request_hash',
  'created_at',
  'updated_at',
  'completed_at',
] as const;

export type OrderRow = Pick<OrderTableRow, (typeof orderColumns)[number]>;
/** An order line; `options` is the snapshot of its chosen options (the `options_json` column). */
export type ItemRow = Pick<
  OrderItemRow,
  'order_id' | 'menu_item_id' | 'name' | 'unit_price' | 'quantity' | 'subtotal'
> & { options: OrderLineOption[] };
/** A stored line: with its id and how many of it staff cancelled (`quantity` is what remains). */
export type StoredItemRow = ItemRow & Pick<OrderItemRow, 'id' | 'cancelled_quantity'>;

/** NULL (no options, or a line the previous release wrote) stores nothing; a line without options too. */
function optionsJson(options: OrderLineOption[]): string | null {
  return options.length === 0 ? null : JSON.stringify(options);
}

/** Drivers return BIGINT timestamps as numbers already, but be explicit for every dialect. */
function normalise(r: OrderRow): OrderRow {
  return {
    ...r,
    created_at: Number(r.created_at),
    updated_at: Number(r.updated_at),
    completed_at: r.completed_at == null ? null : Number(r.completed_at),
  };
}

/** Opens a dining session for a table (the caller links the table to it). */
export async function insertSession(trx: Q, storeId: number, tableId: number, now: number): Promise<number> {
  const r = await trx
    .insertInto('table_sessions')
    .values({ store_id: storeId, table_id: tableId, opened_at: now, completed_at: null, total_amount: null })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/**
 * Takes the next `count` order sequence numbers of the store's local day in one statement and answers
 * the first (they run first…first + count − 1). Callers hold the store lock (see writeWithEvent). SQLite
 * returns the counter with RETURNING; MySQL hands it back as the statement's insert id through
 * LAST_INSERT_ID(expr) (0, no id, when the day's first row was inserted).
 */
export async function nextOrderSeqs(
  trx: Q,
  dialect: 'sqlite' | 'mysql',
  storeId: number,
  date: string,
  count: number,
): Promise<number> {
  if (dialect === 'sqlite') {
    const r = await sql<{ last_seq: number }>`insert into order_counters (store_id, order_date, last_seq)
      values (${storeId}, ${date}, ${count})
      on conflict (store_id, order_date) do update set last_seq = order_counters.last_seq + ${count}
      returning last_seq`.execute(trx);
    const row = r.rows[0];
    if (!row) throw new Error('order counter upsert returned no row');
    return Number(row.last_seq) - count + 1;
  }
  const r = await sql`insert into order_counters (store_id, order_date, last_seq)
    values (${storeId}, ${date}, ${count})
    on duplicate key update last_seq = last_insert_id(last_seq + ${count})`.execute(trx);
  const last = r.insertId === undefined || r.insertId === 0n ? count : Number(r.insertId);
  return last - count + 1;
}

/** Lines per multi-row insert (8 parameters each: well under either database's limit). */
const LINES_PER_INSERT = 500;

/** What insertOrders writes: an order's row (its `seq` unique in the batch) and its lines. */
export interface NewOrderRows {
  values: Omit<NewOrder, 'id' | 'completed_at' | 'deleted_at'>;
  lines: Omit<ItemRow, 'order_id'>[];
}

/**
 * Inserts orders and their lines, each in multi-row inserts; answers each order's id and its lines' ids
 * in line order, in the order given. The orders are one store's, numbered on one day (their `seq`
 * distinct), as a batch of writeOrders is. SQLite answers the ids with RETURNING (matched by `seq`, and
 * by order and line number, as RETURNING promises no row order); MySQL has no RETURNING and need not
 * give a multi-row insert consecutive ids (`innodb_autoinc_lock_mode` 2), so the ids are read back by
 * the orders' unique (store, day, seq) and the lines' order ids: two indexed reads.
 */
export async function insertOrders(
  trx: Q,
  dialect: 'sqlite' | 'mysql',
  orders: NewOrderRows[],
): Promise<{ orderId: number; lineIds: number[] }[]> {
  const first = orders[0]?.values;
  if (!first) return [];
  if (orders.some((o) => o.values.store_id !== first.store_id || o.values.order_date !== first.order_date))
    throw new Error('insertOrders: one store and day per call');
  const inserted = trx
    .insertInto('orders')
    .values(orders.map((o) => ({ ...o.values, completed_at: null, deleted_at: null })));
  const idsBySeq =
    dialect === 'sqlite'
      ? await inserted.returning(['id', 'seq']).execute()
      : await inserted.execute().then(() =>
          trx
            .selectFrom('orders')
            .select(['id', 'seq'])
            .where('store_id', '=', first.store_id)
            .where('order_date', '=', first.order_date)
            .where(
              'seq',
              'in',
              orders.map((o) => o.values.seq),
            )
            .execute(),
        );
  const idBySeq = new Map(idsBySeq.map((r) => [r.seq, r.id]));
  const orderIds = orders.map((o) => idBySeq.get(o.values.seq) ?? missing('order', o.values.seq));
  const rows = [];
  for (const [k, o] of orders.entries()) {
    const orderId = orderIds[k] ?? 0;
    for (const [i, l] of o.lines.entries())
      rows.push({
        menu_item_id: l.menu_item_id,
        name: l.name,
        unit_price: l.unit_price,
        quantity: l.quantity,
        subtotal: l.subtotal,
        options_json: optionsJson(l.options),
        order_id: orderId,
        line_no: i,
      });
  }
  const lineIds = new Map<number, number[]>(orderIds.map((id) => [id, []]));
  const keep = (r: { id: number; order_id: number; line_no: number }) => {
    (lineIds.get(r.order_id) ?? missing('order', r.order_id))[r.line_no] = r.id;
  };
  for (let i = 0; i < rows.length; i += LINES_PER_INSERT) {
    const chunk = trx.insertInto('order_items').values(rows.slice(i, i + LINES_PER_INSERT));
    if (dialect === 'sqlite') (await chunk.returning(['id', 'order_id', 'line_no']).execute()).forEach(keep);
    else await chunk.execute();
  }
  if (dialect === 'mysql')
    // The lines' ids (cancel-lines names them): one indexed read.
    (
      await trx
        .selectFrom('order_items')
        .select(['id', 'order_id', 'line_no'])
        .where('order_id', 'in', orderIds)
        .execute()
    ).forEach(keep);
  return orderIds.map((orderId) => ({ orderId, lineIds: lineIds.get(orderId) ?? [] }));
}

function missing(what: string, key: number): never {
  throw new Error(`insertOrders: no id returned for ${what} ${key}`);
}

/** The idempotency lookup's SQL per database handle (its text differs by dialect). */
const idempotencyLookups = new WeakMap<Q, string>();

/**
 * The order an earlier request with this key placed, if any. It runs once per order placed, so its SQL
 * is built and compiled once per database handle and then run with each call's parameters (Kysely
 * would build and compile the same text on every call).
 */
export async function findByIdempotencyKey(db: Q, storeId: number, tableId: number, key: string) {
  const parameters = [storeId, tableId, key];
  let text = idempotencyLookups.get(db);
  if (text === undefined) {
    const compiled = db
      .selectFrom('orders')
      .select(orderColumns)
      .where('store_id', '=', storeId)
      .where('table_id', '=', tableId)
      .where('idempotency_key', '=', key)
      .compile();
    if (compiled.parameters.length !== 3 || compiled.parameters.some((p, i) => p !== parameters[i]))
      throw new Error('idempotency lookup: unexpected parameters');
    text = compiled.sql;
    idempotencyLookups.set(db, text);
  }
  const { rows } = await db.executeQuery<OrderRow>(CompiledQuery.raw(text, parameters));
  return rows[0] ? normalise(rows[0]) : undefined;
}

/**
 * The orders earlier requests placed with these (table, key) pairs of one store, in one query (each pair
 * an equality range on the unique (store, table, key) index); with the key, to tell them apart.
 */
export function findByIdempotencyKeys(db: Q, storeId: number, pairs: { tableId: number; key: string }[]) {
  return db
    .selectFrom('orders')
    .select([...orderColumns, 'idempotency_key'])
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or(pairs.map((p) => eb.and([eb('table_id', '=', p.tableId), eb('idempotency_key', '=', p.key)]))),
    )
    .execute()
    .then((rows) => rows.map((r) => ({ ...normalise(r), idempotency_key: r.idempotency_key })));
}

/** A live (not deleted) order of the store. */
export function findOrder(db: Q, storeId: number, id: number) {
  return db
    .selectFrom('orders')
    .select(orderColumns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst()
    .then((r) => (r ? normalise(r) : undefined));
}

/** Live orders of one session, newest first. */
export function sessionOrders(db: Q, sessionId: number) {
  return db
    .selectFrom('orders')
    .select(orderColumns)
    .where('session_id', '=', sessionId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute()
    .then((rows) => rows.map(normalise));
}

/** Lines of many orders in one query, grouped by order id. */
export async function itemsOf(db: Q, orderIds: number[]): Promise<Map<number, StoredItemRow[]>> {
  const out = new Map<number, StoredItemRow[]>();
  if (orderIds.length === 0) return out;
  const rows = await db
    .selectFrom('order_items')
    .select([
      'id',
      'order_id',
      'menu_item_id',
      'name',
      'unit_price',
      'quantity',
      'subtotal',
      'options_json',
      'cancelled_quantity',
    ])
    .where('order_id', 'in', orderIds)
    .orderBy('order_id')
    .orderBy('line_no')
    .execute();
  for (const { options_json, ...r } of rows) {
    const list = out.get(r.order_id) ?? [];
    list.push({ ...r, options: options_json ? (JSON.parse(options_json) as OrderLineOption[]) : [] });
    out.set(r.order_id, list);
  }
  return out;
}

export async function sessionTotal(db: Q, sessionId: number): Promise<number> {
  const r = await db
    .selectFrom('orders')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('total_amount'), sql<number>`0`).as('total'))
    .where('session_id', '=', sessionId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.total);
}

export async function setStatus(db: Q, id: number, status: string, now: number): Promise<void> {
  await db.updateTable('orders').set({ status, updated_at: now }).where('id', '=', id).execute();
}

export async function softDeleteOrder(db: Q, id: number, now: number): Promise<void> {
  await db.updateTable('orders').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}

export function sessionState(db: Q, sessionId: number) {
  return db
    .selectFrom('table_sessions')
    .select(['id', 'table_id', 'completed_at'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
}

/** Closes a session: stamps it and its orders with completedAt (the caller frees the table). */
export async function closeSession(trx: Q, sessionId: number, total: number, now: number): Promise<void> {
  await trx
    .updateTable('table_sessions')
    .set({ completed_at: now, total_amount: total })
    .where('id', '=', sessionId)
    .execute();
  await trx.updateTable('orders').set({ completed_at: now }).where('session_id', '=', sessionId).execute();
}

/** One page of a table's past orders with completed_at in [fromMs, toMs), newest first. */
export function historyPage(
  db: Q,
  tableId: number,
  fromMs: number,
  toMs: number,
  after: { completedAt: number; id: number } | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('orders')
    .select(orderColumns)
    .where('table_id', '=', tableId)
    .where('deleted_at', 'is', null)
    .where('completed_at', '>=', fromMs)
    .where('completed_at', '<', toMs);
  if (after) {
    q = q.where((eb) =>
      eb.or([
        eb('completed_at', '<', after.completedAt),
        eb.and([eb('completed_at', '=', after.completedAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
    .then((rows) => rows.map(normalise));
}

/** A session's live orders at a glance: how many, their total, and what still needs attention. */
export interface SessionSummary {
  count: number;
  total: number;
  pendingCount: number;
  preparingCount: number;
  /** `created_at` of the oldest pending order (epoch ms), null when none is pending. */
  oldestPendingAt: number | null;
}

/**
 * Count, total, pending and preparing counts and the oldest pending order of each of the sessions' live
 * orders: one aggregate statement over `orders_session_idx` (session_id, created_at), whatever the
 * number of sessions or orders.
 */
export async function sessionSummaries(db: Q, sessionIds: number[]): Promise<Map<number, SessionSummary>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('orders')
    .select((eb) => {
      const countOf = (status: string) =>
        eb.fn.sum<number>(eb.case().when('status', '=', status).then(1).else(0).end());
      return [
        'session_id',
        eb.fn.count<number>('id').as('order_count'),
        eb.fn.sum<number>('total_amount').as('total'),
        countOf('pending').as('pending_count'),
        countOf('preparing').as('preparing_count'),
        eb.fn
          .min<number | null>(eb.case().when('status', '=', 'pending').then(eb.ref('created_at')).end())
          .as('oldest_pending_at'),
      ];
    })
    .where('session_id', 'in', sessionIds)
    .where('deleted_at', 'is', null)
    .groupBy('session_id')
    .execute();
  // MySQL answers SUM as DECIMAL strings and BIGINT MIN possibly as a string: numbers on both dialects.
  return new Map(
    rows.map((r) => [
      r.session_id,
      {
        count: Number(r.order_count),
        total: Number(r.total),
        pendingCount: Number(r.pending_count),
        preparingCount: Number(r.preparing_count),
        oldestPendingAt: r.oldest_pending_at == null ? null : Number(r.oldest_pending_at),
      },
    ]),
  );
}

/** The newest `n` live orders of each of the sessions (a window query, not N+1). */
export async function latestOrdersPerSession(db: Q, sessionIds: number[], n: number): Promise<OrderRow[]> {
  if (sessionIds.length === 0) return [];
  const result = await sql<OrderRow>`
    select * from (
      select ${sql.join(orderColumns.map((c) => sql.ref(c)))},
        row_number() over (partition by session_id order by created_at desc, id desc) as rn
      from orders
      where session_id in (${sql.join(sessionIds)}) and deleted_at is null
    ) ranked
    where rn <= ${n}
    order by session_id, created_at desc, id desc`.execute(db);
  return result.rows.map(normalise);
}

/** The oldest live pending order of each of the sessions (a window query, not N+1). */
export async function oldestPendingPerSession(db: Q, sessionIds: number[]): Promise<OrderRow[]> {
  if (sessionIds.length === 0) return [];
  const result = await sql<OrderRow>`
    select * from (
      select ${sql.join(orderColumns.map((c) => sql.ref(c)))},
        row_number() over (partition by session_id order by created_at asc, id asc) as rn
      from orders
      where session_id in (${sql.join(sessionIds)}) and deleted_at is null and status = 'pending'
    ) ranked
    where rn = 1
    order by session_id`.execute(db);
  return result.rows.map(normalise);
}
