import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/**
 * Staff accounts and the audit trail (SPEC 17). Forward-compatible: the new `admins` columns have
 * defaults (every existing account becomes an owner, and the previous release's inserts still work),
 * and `audit_log` is a new table the previous release never reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema
    .alterTable('admins')
    .addColumn('role', 'varchar(16)', (c) => c.notNull().defaultTo('owner'))
    .execute();
  await db.schema
    .alterTable('admins')
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // The owner count of a store (last-owner protection).
  await db.schema.createIndex('admins_store_role_idx').on('admins').columns(['store_id', 'role']).execute();

  // Who did what to an order (its status, delete), a dining session (checkout), a menu item, a category
  // or a table. `username` is a snapshot: it stays readable after the account is deleted.
  await createTable(db, 'audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('subject', 'varchar(16)', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('admin_id', 'integer')
    .addColumn('username', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_log_subject_idx')
    .on('audit_log')
    .columns(['store_id', 'subject', 'subject_id'])
    .execute();
}
