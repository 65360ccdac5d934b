import { sql, type Kysely } from 'kysely';
import { isMysql } from '../../db/schema-helpers.js';
import type { Queryable as Q } from '../../infra/db.js';
import { storeTimeZone } from '../stores/index.js';
import { zoneClock, type ZoneClock } from '../../shared/zone-clock.js';

/*
 * The sales ledger (SPEC 13): three small summary tables that the sales report reads instead of a year
 * of order lines, kept equal to the orders by writing to them in the same transaction as every write
 * that changes what sales count:
 *
 * - `sales_hours`    (store, local date, local hour) → counted orders, revenue, cancelled amount
 * - `sales_items`    (store, local date, menu item)  → remaining quantity, revenue (options folded in)
 * - `sales_sessions` (store, local date, session, table number) → counted orders, revenue
 *
 * An order counts on the local date and hour of its creation in the store's zone. What it adds is a pure
 * function of its current state (`contribute`): a live order adds 1 order, its total and its lines'
 * remaining quantities and amounts; its cancelled amount is what staff cancelled of its lines; a deleted
 * order adds nothing but its whole amount as cancelled. So every write follows one rule: placing an
 * order adds its contribution (`recordOrders`, from memory, a few upserts per batch of orders); any other change reads the
 * contribution of the orders it touches before (`salesBefore`) and after (`salesAfter`) and writes the
 * difference. All of them run under the store's write lock (writeWithEvent), so the upserts add no lock
 * wait of their own. A time-zone change moves orders between days: `rebuildStoreSales` recomputes the
 * store's rows from its orders (as migration 0010's backfill does for every store).
 */

/** An order as the ledger counts it. */
export interface SalesOrder {
  created_at: number;
  session_id: number;
  table_number: number;
  total_amount: number;
  deleted: boolean;
  lines: SalesLine[];
}

export interface SalesLine {
  menu_item_id: number;
  unit_price: number;
  quantity: number;
  cancelled_quantity: number;
}

/** Signed amounts to add to the three tables, keyed by their primary keys (store aside). */
export interface SalesDelta {
  hours: Map<string, { date: string; hour: number; orders: number; revenue: number; cancelled: number }>;
  items: Map<string, { date: string; menuItemId: number; quantity: number; revenue: number }>;
  sessions: Map<
    string,
    { date: string; sessionId: number; tableNumber: number; orders: number; revenue: number }
  >;
}

export function emptyDelta(): SalesDelta {
  return { hours: new Map(), items: new Map(), sessions: new Map() };
}

/** Adds `sign` × the order's contribution to `delta`. */
export function contribute(delta: SalesDelta, o: SalesOrder, clock: ZoneClock, sign = 1): void {
  const { date, hour } = clock.local(o.created_at);
  const cancelledLines = o.lines.reduce((s, l) => s + l.unit_price * Number(l.cancelled_quantity), 0);
  const live = !o.deleted;
  const total = Number(o.total_amount);
  const hk = `${date}|${hour}`;
  const h = delta.hours.get(hk) ?? { date, hour, orders: 0, revenue: 0, cancelled: 0 };
  h.orders += sign * (live ? 1 : 0);
  h.revenue += sign * (live ? total : 0);
  h.cancelled += sign * (cancelledLines + (live ? 0 : total));
  delta.hours.set(hk, h);
  if (!live) return;
  for (const l of o.lines) {
    if (l.quantity === 0) continue;
    const ik = `${date}|${l.menu_item_id}`;
    const i = delta.items.get(ik) ?? { date, menuItemId: l.menu_item_id, quantity: 0, revenue: 0 };
    i.quantity += sign * l.quantity;
    i.revenue += sign * l.unit_price * l.quantity;
    delta.items.set(ik, i);
  }
  const sk = `${date}|${o.session_id}|${o.table_number}`;
  const s = delta.sessions.get(sk) ?? {
    date,
    sessionId: o.session_id,
    tableNumber: o.table_number,
    orders: 0,
    revenue: 0,
  };
  s.orders += sign;
  s.revenue += sign * total;
  delta.sessions.set(sk, s);
}

const BATCH = 500;

/** Adds the delta's non-zero rows to the store's summary rows: one upsert statement per table (per 500 rows). */
export async function applyDelta(db: Q, storeId: number, delta: SalesDelta): Promise<void> {
  const mysql = isMysql(db as Kysely<unknown>);
  const add = (table: string, col: string) =>
    mysql
      ? sql.raw(`${col} = ${col} + values(${col})`)
      : sql.raw(`${col} = ${table}.${col} + excluded.${col}`);
  const upsert = async (
    table: string,
    keys: string[],
    values: string[],
    rows: (string | number)[][],
  ): Promise<void> => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const chunk = rows.slice(i, i + BATCH);
      const cols = sql.raw(['store_id', ...keys, ...values].join(', '));
      const tuples = sql.join(chunk.map((r) => sql`(${sql.join([storeId, ...r])})`));
      const updates = sql.join(
        values.map((v) => add(table, v)),
        sql`, `,
      );
      const conflict = mysql
        ? sql`on duplicate key update ${updates}`
        : sql`on conflict (${sql.raw(['store_id', ...keys].join(', '))}) do update set ${updates}`;
      await sql`insert into ${sql.table(table)} (${cols}) values ${tuples} ${conflict}`.execute(db);
    }
  };
  const hours = [...delta.hours.values()].filter((h) => h.orders || h.revenue || h.cancelled);
  if (hours.length > 0)
    await upsert(
      'sales_hours',
      ['local_date', 'hour'],
      ['orders', 'revenue', 'cancelled'],
      hours.map((h) => [h.date, h.hour, h.orders, h.revenue, h.cancelled]),
    );
  const items = [...delta.items.values()].filter((i) => i.quantity || i.revenue);
  if (items.length > 0)
    await upsert(
      'sales_items',
      ['local_date', 'menu_item_id'],
      ['quantity', 'revenue'],
      items.map((i) => [i.date, i.menuItemId, i.quantity, i.revenue]),
    );
  const sessions = [...delta.sessions.values()].filter((s) => s.orders || s.revenue);
  if (sessions.length > 0)
    await upsert(
      'sales_sessions',
      ['local_date', 'session_id', 'table_number'],
      ['orders', 'revenue'],
      sessions.map((s) => [s.date, s.sessionId, s.tableNumber, s.orders, s.revenue]),
    );
}

/** Counts orders just placed together (one batch of the order path): one delta, one upsert per table. */
export async function recordOrders(
  trx: Q,
  storeId: number,
  timeZone: string,
  orders: { values: Omit<SalesOrder, 'deleted' | 'lines'>; lines: Omit<SalesLine, 'cancelled_quantity'>[] }[],
): Promise<void> {
  const delta = emptyDelta();
  const clock = zoneClock(timeZone);
  for (const { values, lines } of orders) {
    const o = { ...values, deleted: false, lines: lines.map((l) => ({ ...l, cancelled_quantity: 0 })) };
    contribute(delta, o, clock);
  }
  await applyDelta(trx, storeId, delta);
}

/** What `salesBefore` read: the orders a change touches, as they were. */
export interface SalesSnapshot {
  storeId: number;
  timeZone: string;
  orderIds: number[];
  orders: SalesOrder[];
}

/**
 * Reads the orders a change is about to touch (named, or every order of the named sessions, deleted
 * ones too); pass the result to `salesAfter` once the change is written, in the same transaction.
 */
export async function salesBefore(
  trx: Q,
  storeId: number,
  scope: { orderIds?: number[]; sessionIds?: number[] },
): Promise<SalesSnapshot> {
  let orderIds = scope.orderIds ?? [];
  if (scope.sessionIds && scope.sessionIds.length > 0) {
    const rows = await trx
      .selectFrom('orders')
      .select('id')
      .where('store_id', '=', storeId)
      .where('session_id', 'in', scope.sessionIds)
      .execute();
    orderIds = [...orderIds, ...rows.map((r) => r.id)];
  }
  const timeZone = await storeTimeZone(trx, storeId);
  return { storeId, timeZone, orderIds, orders: await readOrders(trx, orderIds) };
}

/** Writes the difference the change made to the snapshot's orders. */
export async function salesAfter(trx: Q, before: SalesSnapshot): Promise<void> {
  const clock = zoneClock(before.timeZone);
  const delta = emptyDelta();
  for (const o of before.orders) contribute(delta, o, clock, -1);
  for (const o of await readOrders(trx, before.orderIds)) contribute(delta, o, clock, 1);
  await applyDelta(trx, before.storeId, delta);
}

/** The orders (deleted ones too) with their lines, in two indexed reads. */
async function readOrders(db: Q, ids: number[]): Promise<SalesOrder[]> {
  if (ids.length === 0) return [];
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'created_at', 'session_id', 'table_number', 'total_amount', 'deleted_at'])
    .where('id', 'in', ids)
    .execute();
  const lines = await db
    .selectFrom('order_items')
    .select(['order_id', 'menu_item_id', 'unit_price', 'quantity', 'cancelled_quantity'])
    .where('order_id', 'in', ids)
    .execute();
  const byOrder = new Map<number, SalesLine[]>();
  for (const l of lines) {
    const list = byOrder.get(l.order_id) ?? [];
    list.push({ ...l, cancelled_quantity: Number(l.cancelled_quantity), unit_price: Number(l.unit_price) });
    byOrder.set(l.order_id, list);
  }
  return orders.map((o) => ({
    created_at: Number(o.created_at),
    session_id: o.session_id,
    table_number: o.table_number,
    total_amount: Number(o.total_amount),
    deleted: o.deleted_at !== null,
    lines: byOrder.get(o.id) ?? [],
  }));
}

/**
 * Recomputes a store's summary rows from its orders (a time-zone change, the migration's backfill, the
 * benchmark's seed): deletes them, then reads the orders page by page (constant memory apart from the
 * summary itself, a few rows per day) and writes the sums.
 */
export async function rebuildStoreSales(db: Q, storeId: number, timeZone: string): Promise<void> {
  for (const table of ['sales_hours', 'sales_items', 'sales_sessions'] as const)
    await db.deleteFrom(table).where('store_id', '=', storeId).execute();
  const clock = zoneClock(timeZone);
  const delta = emptyDelta();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('orders')
      .select('id')
      .where('store_id', '=', storeId)
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    if (page.length === 0) break;
    for (const o of await readOrders(
      db,
      page.map((r) => r.id),
    ))
      contribute(delta, o, clock);
    after = page.at(-1)?.id ?? after;
  }
  await applyDelta(db, storeId, delta);
}
