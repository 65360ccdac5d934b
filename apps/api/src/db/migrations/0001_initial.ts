import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/** The initial schema. Every column type here means the same on SQLite and MySQL/MariaDB. */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'bigint';

  await createTable(db, 'stores')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('identifier', 'varchar(30)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('time_zone', 'varchar(64)', (c) => c.notNull())
    .addColumn('event_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('menu_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await createTable(db, 'admins')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('username', 'varchar(30)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('admins_store_username_uq', ['store_id', 'username'])
    .execute();

  await createTable(db, 'dining_tables')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('live_number', 'integer')
    .addColumn('password_hash', 'varchar(255)', (c) => c.notNull())
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('session_id', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .addUniqueConstraint('dining_tables_store_number_uq', ['store_id', 'live_number'])
    .execute();

  await createTable(db, 'table_sessions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('table_id', 'integer', (c) => c.notNull())
    .addColumn('opened_at', ts, (c) => c.notNull())
    .addColumn('completed_at', ts)
    .addColumn('total_amount', 'integer')
    .execute();
  await db.schema
    .createIndex('table_sessions_table_idx')
    .on('table_sessions')
    .columns(['table_id', 'completed_at'])
    .execute();

  await createTable(db, 'categories')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('live_name', 'varchar(50)')
    .addColumn('display_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .addUniqueConstraint('categories_store_name_uq', ['store_id', 'live_name'])
    .execute();
  await db.schema
    .createIndex('categories_store_order_idx')
    .on('categories')
    .columns(['store_id', 'display_order'])
    .execute();

  await createTable(db, 'menu_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('category_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('price', 'integer', (c) => c.notNull())
    .addColumn('description', 'varchar(500)', (c) => c.notNull())
    .addColumn('image_key', 'varchar(64)')
    .addColumn('sold_out', 'smallint', (c) => c.notNull().defaultTo(0))
    .addColumn('display_order', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .execute();
  await db.schema
    .createIndex('menu_items_store_category_idx')
    .on('menu_items')
    .columns(['store_id', 'category_id', 'display_order'])
    .execute();
  await db.schema
    .createIndex('menu_items_category_idx')
    .on('menu_items')
    .columns(['category_id', 'deleted_at'])
    .execute();
  await db.schema.createIndex('menu_items_image_idx').on('menu_items').columns(['image_key']).execute();

  await createTable(db, 'images')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('image_key', 'varchar(64)', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('images_pk', ['store_id', 'image_key'])
    .execute();

  await createTable(db, 'orders')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('table_id', 'integer', (c) => c.notNull())
    .addColumn('table_number', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull())
    .addColumn('order_date', 'varchar(8)', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('order_number', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)', (c) => c.notNull())
    .addColumn('total_amount', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(100)')
    .addColumn('request_hash', 'varchar(64)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('completed_at', ts)
    .addColumn('deleted_at', ts)
    .addUniqueConstraint('orders_store_number_uq', ['store_id', 'order_date', 'seq'])
    .addUniqueConstraint('orders_idempotency_uq', ['store_id', 'table_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('orders_session_idx')
    .on('orders')
    .columns(['session_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('orders_history_idx')
    .on('orders')
    .columns(['table_id', 'completed_at', 'id'])
    .execute();

  await createTable(db, 'order_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('order_id', 'integer', (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('menu_item_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit_price', 'integer', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('subtotal', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('order_items_order_idx')
    .on('order_items')
    .columns(['order_id', 'line_no'])
    .execute();

  await createTable(db, 'order_counters')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('order_date', 'varchar(8)', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('order_counters_pk', ['store_id', 'order_date'])
    .execute();

  await createTable(db, 'events')
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('id', 'bigint', (c) => c.notNull())
    .addColumn('type', 'varchar(32)', (c) => c.notNull())
    .addColumn('table_id', 'integer')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('events_pk', ['store_id', 'id'])
    .execute();
  await db.schema.createIndex('events_created_idx').on('events').columns(['created_at']).execute();

  await createTable(db, 'login_failures')
    .addColumn('scope_key', 'varchar(160)', (c) => c.primaryKey())
    .addColumn('fail_count', 'integer', (c) => c.notNull())
    .addColumn('window_started_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .execute();
  await db.schema
    .createIndex('login_failures_window_idx')
    .on('login_failures')
    .columns(['window_started_at'])
    .execute();
}
