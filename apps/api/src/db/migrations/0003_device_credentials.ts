import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/**
 * Device credentials: what a tablet keeps instead of its table's password. Only the SHA-256 of each
 * (256-bit random) secret is stored. A credential is bound to its table and to the table's token version
 * (a password change, delete or "reset device" bumps it); using one replaces it with a new one, and the
 * replaced one stays usable for a grace period (`replaced_at`) in case the answer was lost.
 * A new table only: the previous release runs on this schema unchanged.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createTable(db, 'device_credentials')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('table_id', 'integer', (c) => c.notNull())
    .addColumn('token_version', 'integer', (c) => c.notNull())
    .addColumn('secret_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('parent_id', 'integer')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('replaced_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('device_credentials_table_idx')
    .on('device_credentials')
    .columns(['table_id'])
    .execute();
  await db.schema
    .createIndex('device_credentials_parent_idx')
    .on('device_credentials')
    .columns(['parent_id'])
    .execute();
  await db.schema
    .createIndex('device_credentials_replaced_idx')
    .on('device_credentials')
    .columns(['replaced_at'])
    .execute();
}
