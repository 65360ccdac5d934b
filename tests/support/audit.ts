// Reads the database after a fault and checks every order: present once, complete, with its event.
import type { Db } from '../../apps/api/src/infra/db.js';
import type { Acknowledged, OrderBody } from './tablets.js';

export interface OrderAudit {
  ordersInDb: number;
  /** Acknowledged orders found exactly once, with the id, table and total the client was told. */
  acknowledgedFound: number;
  missing: string[];
  /** More than one order row for one (table, key). */
  duplicates: string[];
  /** Orders with no acknowledged or pending key behind them. */
  phantoms: number[];
  /** Orders without lines, or whose total is not the sum of their lines. */
  incomplete: number[];
  /** Orders without their order.created event. */
  withoutEvent: number[];
  duplicateOrderNumbers: string[];
}

export async function auditOrders(
  db: Db,
  storeId: number,
  acknowledged: Map<string, Acknowledged>,
  pending: Map<string, { tableId: number; body: OrderBody }> = new Map(),
): Promise<OrderAudit> {
  const orders = await db
    .selectFrom('orders')
    .select(['id', 'table_id', 'idempotency_key', 'total_amount', 'order_number'])
    .where('store_id', '=', storeId)
    .execute();
  const lines = await db
    .selectFrom('order_items')
    .innerJoin('orders', 'orders.id', 'order_items.order_id')
    .select(['order_items.order_id as orderId', 'order_items.subtotal as subtotal'])
    .where('orders.store_id', '=', storeId)
    .execute();
  const events = await db
    .selectFrom('events')
    .select(['payload'])
    .where('store_id', '=', storeId)
    .where('type', '=', 'order.created')
    .execute();

  const sums = new Map<number, { n: number; sum: number }>();
  for (const l of lines) {
    const s = sums.get(Number(l.orderId)) ?? { n: 0, sum: 0 };
    s.n++;
    s.sum += Number(l.subtotal);
    sums.set(Number(l.orderId), s);
  }
  const evented = new Set(events.map((e) => (JSON.parse(e.payload) as { id: number }).id));
  const byKey = new Map<string, typeof orders>();
  for (const o of orders) {
    const k = `${o.table_id}:${o.idempotency_key ?? `none-${o.id}`}`;
    byKey.set(k, [...(byKey.get(k) ?? []), o]);
  }
  const audit: OrderAudit = {
    ordersInDb: orders.length,
    acknowledgedFound: 0,
    missing: [],
    duplicates: [...byKey.entries()].filter(([, v]) => v.length > 1).map(([k]) => k),
    phantoms: [],
    incomplete: [],
    withoutEvent: [],
    duplicateOrderNumbers: [],
  };
  for (const a of acknowledged.values()) {
    const rows = byKey.get(`${a.tableId}:${a.key}`) ?? [];
    const row = rows[0];
    if (
      rows.length === 1 &&
      row &&
      Number(row.id) === a.orderId &&
      Number(row.total_amount) === a.totalAmount
    ) {
      audit.acknowledgedFound++;
    } else audit.missing.push(`${a.key} (order ${a.orderId}, ${rows.length} rows)`);
  }
  const known = new Set([
    ...[...acknowledged.values()].map((a) => `${a.tableId}:${a.key}`),
    ...[...pending.entries()].map(([k, p]) => `${p.tableId}:${k}`),
  ]);
  const numbers = new Map<string, number>();
  for (const o of orders) {
    const id = Number(o.id);
    if (!known.has(`${o.table_id}:${o.idempotency_key ?? ''}`)) audit.phantoms.push(id);
    const s = sums.get(id);
    if (!s || s.n === 0 || s.sum !== Number(o.total_amount)) audit.incomplete.push(id);
    if (!evented.has(id)) audit.withoutEvent.push(id);
    numbers.set(o.order_number, (numbers.get(o.order_number) ?? 0) + 1);
  }
  audit.duplicateOrderNumbers = [...numbers.entries()].filter(([, n]) => n > 1).map(([k]) => k);
  return audit;
}
