import type { AppContext } from '../../app-context.js';
import { findItemsByIds, optionsOfItems, type ItemOptionRow } from '../menu/index.js';
import type { OrderableItem } from './order-lines.js';

/** Stores whose menus are kept at most (the least recently loaded is dropped first). */
const MAX_STORES = 10_000;

interface StoreMenu {
  version: number;
  items: Map<number, OrderableItem>;
  options: Map<number, ItemOptionRow[]>;
}

/**
 * What pricing an order reads of its store's menu (items with price, sold-out and deleted state, and
 * the options they offer), kept per menu version so an order prices from memory instead of two queries.
 * Every menu change moves the store's `menu_version` (writeWithEvent's menuChanged), and the version
 * comes from the coherent cache (`ctx.caches.menuVersion`): exact with SQLite and with Redis, at most one
 * events poll interval old on MySQL without Redis (the age of the menu the tablets show, too). The
 * version is read before the rows, so rows kept under a version are never older than it.
 */
export class OrderMenuCache {
  private readonly stores = new Map<number, StoreMenu>();

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'caches'>) {}

  /** The store's rows for `itemIds` and the options those items offer (as findItemsByIds / optionsOfItems). */
  async read(
    storeId: number,
    itemIds: number[],
  ): Promise<{ menu: OrderableItem[]; options: ItemOptionRow[] }> {
    const version =
      this.ctx.caches.menuVersion.peek(storeId) ?? (await this.ctx.caches.menuVersion.get(storeId));
    let menu = version === undefined ? undefined : this.stores.get(storeId);
    if (version === undefined || menu?.version !== version) {
      if (version === undefined) {
        // No version to key it by (unknown store): read what this order needs.
        const [rows, options] = await Promise.all([
          findItemsByIds(this.ctx.db, storeId, itemIds),
          optionsOfItems(this.ctx.db, storeId, itemIds),
        ]);
        return { menu: rows, options };
      }
      menu = await this.load(storeId, version);
    }
    const rows = itemIds.flatMap((id) => menu.items.get(id) ?? []);
    return { menu: rows, options: itemIds.flatMap((id) => menu.options.get(id) ?? []) };
  }

  private async load(storeId: number, version: number): Promise<StoreMenu> {
    const rows = await this.ctx.db
      .selectFrom('menu_items')
      .select(['id', 'name', 'price', 'sold_out', 'deleted_at'])
      .where('store_id', '=', storeId)
      .execute();
    const offered = await optionsOfItems(
      this.ctx.db,
      storeId,
      rows.map((r) => r.id),
    );
    const options = new Map<number, ItemOptionRow[]>();
    for (const o of offered) {
      const list = options.get(o.menu_item_id) ?? [];
      list.push(o);
      options.set(o.menu_item_id, list);
    }
    const menu: StoreMenu = { version, items: new Map(rows.map((r) => [r.id, r])), options };
    // A slower concurrent load must not replace a newer version.
    const current = this.stores.get(storeId);
    if (!current || current.version <= version) {
      this.stores.delete(storeId); // re-inserted last: the map's order is the eviction order
      this.stores.set(storeId, menu);
      if (this.stores.size > MAX_STORES) {
        const oldest = this.stores.keys().next().value;
        if (oldest !== undefined) this.stores.delete(oldest);
      }
    }
    return menu;
  }
}
