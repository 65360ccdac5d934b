import type { Kysely } from 'kysely';
import type { Database } from '../types.js';
import { rebuildAllSales } from '../../modules/reports/sales-ledger.js';
import { createTable } from '../schema-helpers.js';

/**
 * Sales (SPEC 13): the summary tables the sales report reads (see modules/reports/sales-ledger.ts),
 * filled from the orders already stored, and the index the CSV export walks (a store's orders by
 * creation time). Forward-compatible: new tables and an index only; the previous release ignores them
 * (its orders are then missing from the summaries until a rebuild: a time-zone change or re-running
 * `rebuildAllSales`).
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
  await rebuildAllSales(db as Kysely<Database>);
}
