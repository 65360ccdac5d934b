import type { Kysely } from 'kysely';

/**
 * Menu texts in several languages (SPEC 14): `translations` (JSON `{en?: {name, description?}, ja?, zh?}`,
 * NULL = none) on categories, menu items, option groups and options. Forward-compatible: nullable columns
 * the previous release neither reads nor writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of ['categories', 'menu_items', 'option_groups', 'menu_options']) {
    await db.schema.alterTable(table).addColumn('translations', 'text').execute();
  }
}
