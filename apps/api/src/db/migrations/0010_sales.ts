import type { Kysely } from 'kysely';
import { ZoneClock } from '../../shared/zone-clock.js';
import { createTable } from '../schema-helpers.js';

/**
 * Sales (SPEC 13): the summary tables the sales report reads (see modules/reports/sales-ledger.ts),
 * filled from the orders already stored (`backfillSales`, self-contained as a migration must be: the
 * same counting rules as the ledger's `contribute`, which the sales tests hold it to), and the index the
 * CSV export walks (a store's orders by creation time). Forward-compatible: new tables and an index
 * only; the previous release ignores them (orders it writes are missing from the summaries until the
 * store's rows are rebuilt: a time-zone change does that, or `rebuildStoreSales`).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const money = 'bigint';
  await createTable(db, 'sales_hours')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('local_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('hour', 'smallint', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('revenue', money, (c) => c.notNull())
    .addColumn('cancelled', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_hours_pk', ['store_id', 'local_date', 'hour'])
    .execute();
  await createTable(db, 'sales_items')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('local_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('menu_item_id', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('revenue', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_items_pk', ['store_id', 'local_date', 'menu_item_id'])
    .execute();
  await createTable(db, 'sales_sessions')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('local_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull())
    .addColumn('table_number', 'integer', (c) => c.notNull())
    .addColumn('orders', 'integer', (c) => c.notNull())
    .addColumn('revenue', money, (c) => c.notNull())
    .addPrimaryKeyConstraint('sales_sessions_pk', ['store_id', 'local_date', 'session_id', 'table_number'])
    .execute();
  await db.schema
    .createIndex('orders_store_created_idx')
    .on('orders')
    .columns(['store_id', 'created_at', 'id'])
    .execute();
  await backfillSales(db);
}

/* eslint-disable @typescript-eslint/no-explicit-any -- a migration works on the schema as it is then */
type Row = Record<string, string | number | null>;

/** Fills the (empty) summary tables from every store's orders, 2,000 orders at a time. */
export async function backfillSales(db: Kysely<any>): Promise<void> {
  const stores: Row[] = await db.selectFrom('stores').select(['id', 'time_zone']).execute();
  for (const store of stores) {
    const clock = new ZoneClock(String(store.time_zone));
    const hours = new Map<string, Row>();
    const items = new Map<string, Row>();
    const sessions = new Map<string, Row>();
    const add = (map: Map<string, Row>, key: string, base: Row, values: Record<string, number>) => {
      const row = map.get(key) ?? { ...base, ...Object.fromEntries(Object.keys(values).map((k) => [k, 0])) };
      for (const [k, v] of Object.entries(values)) row[k] = Number(row[k]) + v;
      map.set(key, row);
    };
    let after = 0;
    for (;;) {
      const orders: Row[] = await db
        .selectFrom('orders')
        .select(['id', 'created_at', 'session_id', 'table_number', 'total_amount', 'deleted_at'])
        .where('store_id', '=', Number(store.id))
        .where('id', '>', after)
        .orderBy('id')
        .limit(2000)
        .execute();
      if (orders.length === 0) break;
      after = Number(orders[orders.length - 1]?.id);
      const lines: Row[] = await db
        .selectFrom('order_items')
        .select(['order_id', 'menu_item_id', 'unit_price', 'quantity', 'cancelled_quantity'])
        .where(
          'order_id',
          'in',
          orders.map((o) => Number(o.id)),
        )
        .execute();
      const byOrder = new Map<number, Row[]>();
      for (const l of lines) byOrder.set(Number(l.order_id), [...(byOrder.get(Number(l.order_id)) ?? []), l]);
      for (const o of orders) {
        const { date, hour } = clock.local(Number(o.created_at));
        const own = byOrder.get(Number(o.id)) ?? [];
        const live = o.deleted_at === null;
        const total = Number(o.total_amount);
        const cancelled = own.reduce((s, l) => s + Number(l.unit_price) * Number(l.cancelled_quantity), 0);
        add(
          hours,
          `${date}|${hour}`,
          { local_date: date, hour },
          { orders: live ? 1 : 0, revenue: live ? total : 0, cancelled: cancelled + (live ? 0 : total) },
        );
        if (!live) continue;
        for (const l of own) {
          if (Number(l.quantity) === 0) continue;
          add(
            items,
            `${date}|${l.menu_item_id}`,
            { local_date: date, menu_item_id: Number(l.menu_item_id) },
            { quantity: Number(l.quantity), revenue: Number(l.unit_price) * Number(l.quantity) },
          );
        }
        add(
          sessions,
          `${date}|${o.session_id}|${o.table_number}`,
          { local_date: date, session_id: Number(o.session_id), table_number: Number(o.table_number) },
          { orders: 1, revenue: total },
        );
      }
    }
    for (const [table, map] of [
      ['sales_hours', hours],
      ['sales_items', items],
      ['sales_sessions', sessions],
    ] as const) {
      const rows = [...map.values()].map((r) => ({ store_id: Number(store.id), ...r }));
      for (let i = 0; i < rows.length; i += 500)
        await db
          .insertInto(table)
          .values(rows.slice(i, i + 500))
          .execute();
    }
  }
}
