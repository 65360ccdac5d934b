import { sql } from 'kysely';
import type { Queryable as Q } from '../../infra/db.js';

/**
 * The sales figures of [fromMs, toMs) summed straight from the orders, without the summary tables: the
 * cross-check the tests and benchmark B8 hold the report against (never used to answer a request).
 */
export async function directSales(db: Q, storeId: number, fromMs: number, toMs: number) {
  const live = db
    .selectFrom('orders')
    .where('store_id', '=', storeId)
    .where('created_at', '>=', fromMs)
    .where('created_at', '<', toMs);
  const [orders, cancelled, items] = await Promise.all([
    live
      .where('deleted_at', 'is', null)
      .select((eb) => [
        eb.fn.countAll<number>().as('orders'),
        eb.fn.coalesce(eb.fn.sum<number>('total_amount'), sql<number>`0`).as('revenue'),
        sql<number>`count(distinct session_id)`.as('sessions'),
      ])
      .executeTakeFirstOrThrow(),
    live
      .innerJoin('order_items as i', 'i.order_id', 'orders.id')
      .select(
        sql<number>`coalesce(sum(i.unit_price * i.cancelled_quantity + case when orders.deleted_at is null then 0 else i.subtotal end), 0)`.as(
          'cancelled',
        ),
      )
      .executeTakeFirstOrThrow(),
    live
      .innerJoin('order_items as i', 'i.order_id', 'orders.id')
      .where('orders.deleted_at', 'is', null)
      .select((eb) => [
        'i.menu_item_id',
        eb.fn.sum<number>('i.quantity').as('quantity'),
        eb.fn.sum<number>('i.subtotal').as('revenue'),
      ])
      .groupBy('i.menu_item_id')
      .execute(),
  ]);
  return {
    orders: Number(orders.orders),
    revenue: Number(orders.revenue),
    sessions: Number(orders.sessions),
    cancelledAmount: Number(cancelled.cancelled),
    byItem: new Map(
      items
        .filter((i) => Number(i.quantity) > 0)
        .map((i) => [i.menu_item_id, { quantity: Number(i.quantity), revenue: Number(i.revenue) }]),
    ),
  };
}
