import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/**
 * Menu options (SPEC 10): store-wide option groups, their options, which groups each menu item offers
 * (in order), and the chosen options of each order line as a JSON snapshot. Forward-compatible: only new
 * tables and one nullable column, so the previous release runs unchanged on this schema (its order
 * lines simply carry no options).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'bigint';

  await createTable(db, 'option_groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('min_select', 'integer', (c) => c.notNull())
    .addColumn('max_select', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addUniqueConstraint('option_groups_store_name_uq', ['store_id', 'name'])
    .execute();

  await createTable(db, 'menu_options')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('price_delta', 'bigint', (c) => c.notNull())
    .addColumn('sold_out', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('display_order', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('menu_options_store_group_idx')
    .on('menu_options')
    .columns(['store_id', 'group_id', 'display_order'])
    .execute();
  await db.schema
    .createIndex('menu_options_group_idx')
    .on('menu_options')
    .columns(['group_id', 'display_order'])
    .execute();

  await createTable(db, 'menu_item_option_groups')
    .addColumn('menu_item_id', 'integer', (c) => c.notNull())
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('menu_item_option_groups_pk', ['menu_item_id', 'group_id'])
    .execute();
  await db.schema
    .createIndex('menu_item_option_groups_store_idx')
    .on('menu_item_option_groups')
    .columns(['store_id', 'menu_item_id', 'position'])
    .execute();
  await db.schema
    .createIndex('menu_item_option_groups_group_idx')
    .on('menu_item_option_groups')
    .columns(['group_id'])
    .execute();

  await db.schema.alterTable('order_items').addColumn('options_json', 'text').execute();
}
