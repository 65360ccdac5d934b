import { sql, type ExpressionBuilder } from 'kysely';
import type { Database, NewImage } from '../../db/types.js';
import type { Queryable as Q } from '../../infra/db.js';

/**
 * Records an image for a store. A repeat upload refreshes `created_at`, so an image uploaded again
 * to be used is not collected by a GC run that happens before the menu item points at it.
 */
export async function upsertImage(db: Q, dialect: 'sqlite' | 'mysql', row: NewImage): Promise<void> {
  const { store_id, image_key, width, height, bytes, created_at } = row;
  if (dialect === 'sqlite') {
    await sql`insert into images (store_id, image_key, width, height, bytes, created_at)
      values (${store_id}, ${image_key}, ${width}, ${height}, ${bytes}, ${created_at})
      on conflict (store_id, image_key) do update set created_at = excluded.created_at`.execute(db);
  } else {
    await sql`insert into images (store_id, image_key, width, height, bytes, created_at)
      values (${store_id}, ${image_key}, ${width}, ${height}, ${bytes}, ${created_at})
      on duplicate key update created_at = values(created_at)`.execute(db);
  }
}

/**
 * No live menu item of the image's own store points at it. The one read of `menu_items` outside the menu
 * module: it must sit inside the GC's DELETE, so a menu change racing the GC wins.
 */
function unused(eb: ExpressionBuilder<Database, 'images'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('menu_items')
        .select(sql.lit(1).as('one'))
        .whereRef('menu_items.store_id', '=', 'images.store_id')
        .whereRef('menu_items.image_key', '=', 'images.image_key')
        .where('menu_items.deleted_at', 'is', null),
    ),
  );
}

/** Image rows created before `before` that no live menu item of their store uses. */
export function findUnusedImages(db: Q, before: number) {
  return db
    .selectFrom('images')
    .select(['store_id', 'image_key'])
    .where('created_at', '<', before)
    .where(unused)
    .orderBy('store_id')
    .orderBy('image_key')
    .execute();
}

/**
 * Deletes one image row if it is still old and unused; the conditions are checked again in the same
 * statement, so a concurrent re-upload or menu change wins. Returns whether a row was deleted.
 */
export async function deleteUnusedImage(
  db: Q,
  storeId: number,
  key: string,
  before: number,
): Promise<boolean> {
  const r = await db
    .deleteFrom('images')
    .where('store_id', '=', storeId)
    .where('image_key', '=', key)
    .where('created_at', '<', before)
    .where(unused)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** The keys among `keys` that some store still records (their files must stay). */
export async function recordedKeys(db: Q, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await db
    .selectFrom('images')
    .select('image_key')
    .distinct()
    .where('image_key', 'in', keys)
    .execute();
  return new Set(rows.map((r) => r.image_key));
}

/** Whether the image key is recorded for the store (menu items may use only those). */
export function imageExists(db: Q, storeId: number, key: string) {
  return db
    .selectFrom('images')
    .select('image_key')
    .where('store_id', '=', storeId)
    .where('image_key', '=', key)
    .executeTakeFirst()
    .then((r) => r !== undefined);
}
