import { sql } from 'kysely';
import type { MenuItemRow } from '../../db/types.js';
import type { Queryable as Q } from '../../infra/db.js';

const categoryColumns = ['id', 'name', 'display_order', 'translations'] as const;
const itemColumns = [
  'id',
  'category_id',
  'name',
  'price',
  'description',
  'image_key',
  'sold_out',
  'display_order',
  'translations',
] as const;

export function listCategories(db: Q, storeId: number) {
  return db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .orderBy('display_order')
    .orderBy('id')
    .execute();
}

export function findCategory(db: Q, storeId: number, id: number) {
  return db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findCategoryByName(db: Q, storeId: number, name: string) {
  return db
    .selectFrom('categories')
    .select(categoryColumns)
    .where('store_id', '=', storeId)
    .where('live_name', '=', name)
    .executeTakeFirst();
}

async function nextOrder(
  db: Q,
  table: 'categories' | 'menu_items',
  storeId: number,
  categoryId?: number,
): Promise<number> {
  let q = db
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('display_order').as('m'))
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null);
  if (categoryId !== undefined) q = q.where('category_id', '=', categoryId);
  const row = await q.executeTakeFirst();
  return row?.m == null ? 0 : Number(row.m) + 1;
}

export async function insertCategory(
  db: Q,
  storeId: number,
  name: string,
  now: number,
  translations: string | null = null,
): Promise<{ id: number; displayOrder: number }> {
  const displayOrder = await nextOrder(db, 'categories', storeId);
  const r = await db
    .insertInto('categories')
    .values({
      store_id: storeId,
      name,
      live_name: name,
      translations,
      display_order: displayOrder,
      created_at: now,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  return { id: Number(r.insertId), displayOrder };
}

/** Renames the category and/or replaces its translations (JSON or NULL). */
export async function updateCategory(
  db: Q,
  id: number,
  v: { name?: string; translations?: string | null },
): Promise<void> {
  await db
    .updateTable('categories')
    .set({
      ...(v.name === undefined ? {} : { name: v.name, live_name: v.name }),
      ...(v.translations === undefined ? {} : { translations: v.translations }),
    })
    .where('id', '=', id)
    .execute();
}

export async function softDeleteCategory(db: Q, id: number, now: number): Promise<void> {
  await db.updateTable('categories').set({ deleted_at: now, live_name: null }).where('id', '=', id).execute();
}

/** Sets display_order = position in `ids` for every id, in one statement. */
export async function setOrder(
  db: Q,
  table: 'categories' | 'menu_items',
  storeId: number,
  ids: number[],
): Promise<void> {
  if (ids.length === 0) return;
  const cases = sql.join(
    ids.map((id, i) => sql`when ${id} then ${i}`),
    sql` `,
  );
  await db
    .updateTable(table)
    .set({ display_order: sql<number>`case id ${cases} else display_order end` })
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute();
}

export function countLiveItems(db: Q, categoryId: number) {
  return db
    .selectFrom('menu_items')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('category_id', '=', categoryId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}

/** Live items of a store, optionally of one category, in menu order. */
export function listItems(db: Q, storeId: number, categoryId?: number) {
  let q = db
    .selectFrom('menu_items as i')
    .innerJoin('categories as c', 'c.id', 'i.category_id')
    .select(itemColumns.map((c) => `i.${c}` as const))
    .where('i.store_id', '=', storeId)
    .where('i.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null);
  if (categoryId !== undefined) q = q.where('i.category_id', '=', categoryId);
  return q.orderBy('c.display_order').orderBy('c.id').orderBy('i.display_order').orderBy('i.id').execute();
}

export function findItem(db: Q, storeId: number, id: number) {
  return db
    .selectFrom('menu_items')
    .select(itemColumns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function findItemsByIds(db: Q, storeId: number, ids: number[]) {
  return db
    .selectFrom('menu_items')
    .select(['id', 'name', 'price', 'sold_out', 'deleted_at'])
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute();
}

/** Ids of the store's live categories (a printer's category filter is checked against them). */
export async function categoryIdsOfStore(db: Q, storeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('categories')
    .select('id')
    .where('store_id', '=', storeId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** Each item's category (deleted items included: old orders still name them), for routing tickets. */
export async function categoriesOfItems(db: Q, storeId: number, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('menu_items')
    .select(['id', 'category_id'])
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.category_id]));
}

export function liveItemIdsOfCategory(db: Q, categoryId: number) {
  return db
    .selectFrom('menu_items')
    .select('id')
    .where('category_id', '=', categoryId)
    .where('deleted_at', 'is', null)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

export type ItemValues = Pick<
  MenuItemRow,
  'category_id' | 'name' | 'price' | 'description' | 'image_key' | 'sold_out'
> & { translations?: string | null };

export async function insertItem(db: Q, storeId: number, v: ItemValues, now: number): Promise<number> {
  const displayOrder = await nextOrder(db, 'menu_items', storeId, v.category_id);
  const r = await db
    .insertInto('menu_items')
    .values({
      ...v,
      store_id: storeId,
      display_order: displayOrder,
      created_at: now,
      updated_at: now,
      deleted_at: null,
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

export async function updateItem(
  db: Q,
  id: number,
  v: Partial<ItemValues> & { display_order?: number },
  now: number,
): Promise<void> {
  await db
    .updateTable('menu_items')
    .set({ ...v, updated_at: now })
    .where('id', '=', id)
    .execute();
}

export async function nextItemOrder(db: Q, storeId: number, categoryId: number): Promise<number> {
  return nextOrder(db, 'menu_items', storeId, categoryId);
}

export async function softDeleteItem(db: Q, id: number, now: number): Promise<void> {
  await db.updateTable('menu_items').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}
