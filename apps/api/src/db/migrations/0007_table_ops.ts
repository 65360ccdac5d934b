import type { Kysely } from 'kysely';

/**
 * Table operations (SPEC 12). Forward-compatible: every new column is nullable or has a default, so the
 * previous release's inserts keep working and it reads what it knows (a line's `quantity` and `subtotal`
 * stay what remains after a partial cancel).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // How many of a line staff cancelled (kept for audit; `quantity` is what remains).
  await db.schema
    .alterTable('order_items')
    .addColumn('cancelled_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A session merged into another table's: emptied and closed, pointing at where its orders went.
  await db.schema.alterTable('table_sessions').addColumn('merged_into', 'integer').execute();
  // The second table a `table.moved` / `table.merged` event concerns (its source), so a table's replay
  // finds it as a live stream does.
  await db.schema.alterTable('events').addColumn('other_table_id', 'integer').execute();
}
