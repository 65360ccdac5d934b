import { sql, type Kysely } from 'kysely';
import { isMysql } from '../../db/schema-helpers.js';
import type { Queryable as Q } from '../../infra/db.js';

// Sales report reads (SPEC 13). The report reads only the summary tables (sales-ledger.ts), each by its
// primary key's (store_id, local_date) prefix; the CSV walks the store's orders by creation time
// (orders_store_created_idx) a page at a time.

/** Counted orders, revenue and cancelled amount per local date of the range (dates without sales absent). */
export async function salesByDay(db: Q, storeId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('sales_hours')
    .select((eb) => [
      'local_date',
      eb.fn.sum<number>('orders').as('orders'),
      eb.fn.sum<number>('revenue').as('revenue'),
      eb.fn.sum<number>('cancelled').as('cancelled'),
    ])
    .where('store_id', '=', storeId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .groupBy('local_date')
    .execute();
  return rows.map((r) => ({
    date: r.local_date,
    orders: Number(r.orders),
    revenue: Number(r.revenue),
    cancelled: Number(r.cancelled),
  }));
}

/** Counted orders and revenue per local hour of day over the range. */
export async function salesByHour(db: Q, storeId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('sales_hours')
    .select((eb) => [
      'hour',
      eb.fn.sum<number>('orders').as('orders'),
      eb.fn.sum<number>('revenue').as('revenue'),
    ])
    .where('store_id', '=', storeId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to)
    .groupBy('hour')
    .execute();
  return rows.map((r) => ({ hour: Number(r.hour), orders: Number(r.orders), revenue: Number(r.revenue) }));
}

/** Quantity and revenue per menu item (its current name; deleted items keep theirs), revenue first. */
export async function salesByItem(db: Q, storeId: number, from: string, to: string) {
  const rows = await db
    .selectFrom('sales_items as s')
    .innerJoin('menu_items as m', 'm.id', 's.menu_item_id')
    .select((eb) => [
      's.menu_item_id',
      eb.fn.max('m.name').as('name'),
      eb.fn.sum<number>('s.quantity').as('quantity'),
      eb.fn.sum<number>('s.revenue').as('revenue'),
    ])
    .where('s.store_id', '=', storeId)
    .where('s.local_date', '>=', from)
    .where('s.local_date', '<=', to)
    .groupBy('s.menu_item_id')
    .execute();
  return rows
    .map((r) => ({
      menuItemId: r.menu_item_id,
      name: String(r.name),
      quantity: Number(r.quantity),
      revenue: Number(r.revenue),
    }))
    .filter((r) => r.quantity > 0)
    .sort((a, b) => b.revenue - a.revenue || b.quantity - a.quantity || a.menuItemId - b.menuItemId);
}

/**
 * Distinct sessions with a counted order in the range, over the store and per table number. On MySQL one
 * scan answers both (`WITH ROLLUP`: its total row counts distinct sessions over every table); SQLite has
 * no ROLLUP and scans twice (it is fast at it).
 */
export async function salesSessions(db: Q, storeId: number, from: string, to: string) {
  const scope = db
    .selectFrom('sales_sessions')
    .where('store_id', '=', storeId)
    .where('local_date', '>=', from)
    .where('local_date', '<=', to);
  const distinct = sql<number>`count(distinct case when orders > 0 then session_id end)`;
  const perTable = scope.select((eb) => [
    'table_number',
    distinct.as('sessions'),
    eb.fn.sum<number>('revenue').as('revenue'),
  ]);
  let total: number;
  let tables: { table_number: number | null; sessions: number; revenue: number }[];
  if (isMysql(db as Kysely<unknown>)) {
    const rows = await perTable.groupBy(sql`table_number with rollup`).execute();
    tables = rows.filter((r) => r.table_number !== null);
    total = Number(rows.find((r) => r.table_number === null)?.sessions ?? 0);
  } else {
    const [t, r] = await Promise.all([
      scope.select(distinct.as('sessions')).executeTakeFirstOrThrow(),
      perTable.groupBy('table_number').execute(),
    ]);
    total = Number(t.sessions);
    tables = r;
  }
  return {
    sessions: total,
    byTable: tables
      .map((r) => ({
        tableNumber: Number(r.table_number),
        sessions: Number(r.sessions),
        revenue: Number(r.revenue),
      }))
      .filter((r) => r.sessions > 0)
      .sort((a, b) => b.revenue - a.revenue || a.tableNumber - b.tableNumber),
  };
}

/** One page of the store's live orders created in [fromMs, toMs), after the cursor, oldest first. */
export function csvOrderPage(
  db: Q,
  storeId: number,
  fromMs: number,
  toMs: number,
  after: { createdAt: number; id: number } | undefined,
  limit: number,
) {
  let q = db
    .selectFrom('orders')
    .select(['id', 'created_at', 'order_number', 'table_number', 'status'])
    .where('store_id', '=', storeId)
    .where('created_at', '<', toMs)
    .where('deleted_at', 'is', null);
  q = after
    ? q
        .where('created_at', '>=', after.createdAt)
        .where((eb) =>
          eb.or([
            eb('created_at', '>', after.createdAt),
            eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
          ]),
        )
    : q.where('created_at', '>=', fromMs);
  return q.orderBy('created_at').orderBy('id').limit(limit).execute();
}

/**
 * The remaining (quantity > 0) lines of the orders, by order and line number; `options_json` as stored
 * (the CSV formats each distinct text once).
 */
export function csvLines(db: Q, orderIds: number[]) {
  if (orderIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('order_items')
    .select(['order_id', 'name', 'options_json', 'quantity', 'unit_price', 'subtotal'])
    .where('order_id', 'in', orderIds)
    .where('quantity', '>', 0)
    .orderBy('order_id')
    .orderBy('line_no')
    .execute();
}
