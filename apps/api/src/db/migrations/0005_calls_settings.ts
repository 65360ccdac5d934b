import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/**
 * Staff calls and store settings (SPEC 11). Forward-compatible: the store's new settings are nullable
 * columns (NULL = the default, so the previous release's store:create still works), and `calls` is a new
 * table the previous release never reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  const storeColumns: [name: string, type: 'text' | 'varchar(32)' | 'integer'][] = [
    ['call_reasons', 'text'],
    ['request_chips', 'text'],
    ['menu_languages', 'varchar(32)'],
    ['idle_timeout_seconds', 'integer'],
  ];
  for (const [name, type] of storeColumns) {
    await db.schema.alterTable('stores').addColumn(name, type).execute();
  }

  const ts = 'bigint';
  await createTable(db, 'calls')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('table_id', 'integer', (c) => c.notNull())
    .addColumn('table_number', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('message', 'varchar(100)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('idempotency_key', 'varchar(100)')
    .addColumn('request_hash', 'varchar(64)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('acknowledged_at', ts)
    .addColumn('closed_at', ts)
    .addUniqueConstraint('calls_idempotency_uq', ['store_id', 'table_id', 'idempotency_key'])
    .execute();
  // The table's limits (open calls, calls in the last minute) and the store's lists (open, today's).
  await db.schema.createIndex('calls_table_status_idx').on('calls').columns(['table_id', 'status']).execute();
  await db.schema
    .createIndex('calls_table_created_idx')
    .on('calls')
    .columns(['table_id', 'created_at'])
    .execute();
  await db.schema.createIndex('calls_store_status_idx').on('calls').columns(['store_id', 'status']).execute();
  await db.schema
    .createIndex('calls_store_created_idx')
    .on('calls')
    .columns(['store_id', 'created_at'])
    .execute();
}
