import type { Kysely } from 'kysely';

/**
 * The kitchen display's ticket timers (SPEC 15): minutes after which a ticket turns amber and red.
 * Forward-compatible: nullable columns (NULL = the defaults, 10 and 20), which the previous release never
 * reads or writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema.alterTable('stores').addColumn('kitchen_amber_minutes', 'integer').execute();
  await db.schema.alterTable('stores').addColumn('kitchen_red_minutes', 'integer').execute();
}
