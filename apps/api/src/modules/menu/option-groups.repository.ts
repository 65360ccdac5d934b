import type { MenuOptionRow, OptionGroupRow } from '../../db/types.js';
import type { Queryable as Q } from '../../infra/db.js';

// Option groups (`option_groups`), their options (`menu_options`) and which groups each menu item
// offers (`menu_item_option_groups`). Every read takes the store id: ids of another store match nothing.

const groupColumns = ['id', 'name', 'min_select', 'max_select', 'translations'] as const;
const optionColumns = [
  'id',
  'group_id',
  'name',
  'price_delta',
  'sold_out',
  'display_order',
  'translations',
] as const;

export type GroupRow = Pick<OptionGroupRow, (typeof groupColumns)[number]>;
export type OptionRow = Pick<MenuOptionRow, (typeof optionColumns)[number]>;
export type OptionValues = Pick<MenuOptionRow, 'name' | 'price_delta' | 'sold_out' | 'display_order'> & {
  translations?: string | null;
};

/** The store's option groups, oldest first. */
export function listGroups(db: Q, storeId: number): Promise<GroupRow[]> {
  return db
    .selectFrom('option_groups')
    .select(groupColumns)
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();
}

export function findGroup(db: Q, storeId: number, id: number): Promise<GroupRow | undefined> {
  return db
    .selectFrom('option_groups')
    .select(groupColumns)
    .where('id', '=', id)
    .where('store_id', '=', storeId)
    .executeTakeFirst();
}

export function findGroupByName(db: Q, storeId: number, name: string): Promise<GroupRow | undefined> {
  return db
    .selectFrom('option_groups')
    .select(groupColumns)
    .where('store_id', '=', storeId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Which of `ids` are option groups of the store. */
export async function existingGroupIds(db: Q, storeId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('option_groups')
    .select('id')
    .where('store_id', '=', storeId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Options of every group of the store (or of the given groups), by group in display order. */
export function listOptions(db: Q, storeId: number, groupIds?: number[]): Promise<OptionRow[]> {
  if (groupIds?.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('menu_options').select(optionColumns).where('store_id', '=', storeId);
  if (groupIds) q = q.where('group_id', 'in', groupIds);
  return q
    .orderBy('group_id')
    .orderBy('display_order')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, price_delta: Number(r.price_delta) })));
}

export async function insertGroup(
  db: Q,
  storeId: number,
  v: Pick<OptionGroupRow, 'name' | 'min_select' | 'max_select'> & { translations?: string | null },
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('option_groups')
    .values({ ...v, store_id: storeId, created_at: now, updated_at: now })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

export async function updateGroup(
  db: Q,
  id: number,
  v: Partial<Pick<OptionGroupRow, 'name' | 'min_select' | 'max_select' | 'translations'>>,
  now: number,
): Promise<void> {
  await db
    .updateTable('option_groups')
    .set({ ...v, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Deletes a group for good, with its options and every item's link to it. */
export async function deleteGroup(db: Q, id: number): Promise<void> {
  await db.deleteFrom('menu_item_option_groups').where('group_id', '=', id).execute();
  await db.deleteFrom('menu_options').where('group_id', '=', id).execute();
  await db.deleteFrom('option_groups').where('id', '=', id).execute();
}

export async function insertOptions(
  db: Q,
  storeId: number,
  groupId: number,
  options: OptionValues[],
): Promise<void> {
  if (options.length === 0) return;
  await db
    .insertInto('menu_options')
    .values(options.map((o) => ({ ...o, store_id: storeId, group_id: groupId })))
    .execute();
}

export async function updateOption(db: Q, id: number, v: OptionValues): Promise<void> {
  await db.updateTable('menu_options').set(v).where('id', '=', id).execute();
}

export async function deleteOptions(db: Q, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('menu_options').where('id', 'in', ids).execute();
}

/** Live menu items that offer the group, in menu order. */
export function liveItemsUsingGroup(db: Q, groupId: number): Promise<{ id: number; name: string }[]> {
  return db
    .selectFrom('menu_item_option_groups as l')
    .innerJoin('menu_items as i', 'i.id', 'l.menu_item_id')
    .select(['i.id', 'i.name'])
    .where('l.group_id', '=', groupId)
    .where('i.deleted_at', 'is', null)
    .orderBy('i.display_order')
    .orderBy('i.id')
    .execute();
}

/** Option group ids of menu items (every item of the store when `itemIds` is absent), in order. */
export async function groupIdsOfItems(
  db: Q,
  storeId: number,
  itemIds?: number[],
): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  if (itemIds?.length === 0) return out;
  let q = db
    .selectFrom('menu_item_option_groups')
    .select(['menu_item_id', 'group_id'])
    .where('store_id', '=', storeId);
  if (itemIds) q = q.where('menu_item_id', 'in', itemIds);
  const rows = await q.orderBy('menu_item_id').orderBy('position').execute();
  for (const r of rows) {
    const list = out.get(r.menu_item_id) ?? [];
    list.push(r.group_id);
    out.set(r.menu_item_id, list);
  }
  return out;
}

/** Replaces the item's option groups with `groupIds`, in that order. */
export async function setItemGroups(
  db: Q,
  storeId: number,
  itemId: number,
  groupIds: number[],
): Promise<void> {
  await db.deleteFrom('menu_item_option_groups').where('menu_item_id', '=', itemId).execute();
  if (groupIds.length === 0) return;
  await db
    .insertInto('menu_item_option_groups')
    .values(groupIds.map((g, i) => ({ menu_item_id: itemId, group_id: g, store_id: storeId, position: i })))
    .execute();
}

/** One option offered on one item, with its group: what an order line's choices are checked against. */
export interface ItemOptionRow {
  menu_item_id: number;
  group_id: number;
  group_name: string;
  min_select: number;
  max_select: number;
  option_id: number;
  option_name: string;
  price_delta: number;
  sold_out: number;
}

/** Every option the items offer, in one query: by item, group position, option display order. */
export async function optionsOfItems(db: Q, storeId: number, itemIds: number[]): Promise<ItemOptionRow[]> {
  if (itemIds.length === 0) return [];
  const rows = await db
    .selectFrom('menu_item_option_groups as l')
    .innerJoin('option_groups as g', 'g.id', 'l.group_id')
    .innerJoin('menu_options as o', 'o.group_id', 'g.id')
    .select([
      'l.menu_item_id',
      'g.id as group_id',
      'g.name as group_name',
      'g.min_select',
      'g.max_select',
      'o.id as option_id',
      'o.name as option_name',
      'o.price_delta',
      'o.sold_out',
    ])
    .where('l.store_id', '=', storeId)
    .where('l.menu_item_id', 'in', itemIds)
    .orderBy('l.menu_item_id')
    .orderBy('l.position')
    .orderBy('o.display_order')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ ...r, price_delta: Number(r.price_delta) }));
}
