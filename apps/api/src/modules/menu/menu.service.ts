import type {
  Category,
  MenuItem,
  MenuItemCreateBody,
  MenuItemUpdateBody,
  OptionGroup,
  TableMenu,
} from '@table-order/contracts';
import { gzipSync } from 'node:zlib';
import type { AppContext } from '../../app-context.js';
import type { Trx } from '../../infra/db.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { Errors } from '../../shared/errors.js';
import { iso } from '../../shared/time.js';
import { lastChangeOf, recordAudit, type Actor, type AuditRecord } from '../audit/index.js';
import { writeWithEvent } from '../events/index.js';
import { imageExists } from '../images/index.js';
import * as repo from './menu.repository.js';
import * as optionsRepo from './option-groups.repository.js';
import { groupDtos } from './option-groups.service.js';

type ItemRow = Awaited<ReturnType<typeof repo.listItems>>[number];

/** The serialised table menu of one store at one menu version. */
export interface CachedMenu {
  version: number;
  /** Weak: the same ETag stands for the plain and the gzip bytes (RFC 9110 §8.8.3). */
  etag: string;
  /** The JSON body as UTF-8 bytes. */
  json: Buffer;
  /** The same bytes gzipped, made on the first request that accepts gzip. */
  gzip?: Buffer;
}

/** Categories and menu items; every change records `menu.changed` and bumps the store's menu version. */
export class MenuService {
  private readonly cache = new Map<number, CachedMenu>();

  constructor(private readonly ctx: AppContext) {}

  // ---- table view -------------------------------------------------------------------------

  /** The store's menu when memory alone can answer (menu version cached and menu built), else undefined. */
  cachedTableMenu(storeId: number): CachedMenu | undefined {
    const version = this.ctx.caches.menuVersion.peek(storeId);
    const hit = this.cache.get(storeId);
    return version !== undefined && hit?.version === version ? hit : undefined;
  }

  /** The guest menu, rebuilt only when the store's menu version moved. */
  async tableMenu(storeId: number): Promise<CachedMenu> {
    const version = await this.ctx.caches.menuVersion.get(storeId);
    if (version === undefined) throw Errors.notFound('Store');
    const hit = this.cache.get(storeId);
    if (hit && hit.version === version) return hit;
    const [categories, items, groups, options, groupIds] = await Promise.all([
      repo.listCategories(this.ctx.db, storeId),
      repo.listItems(this.ctx.db, storeId),
      optionsRepo.listGroups(this.ctx.db, storeId),
      optionsRepo.listOptions(this.ctx.db, storeId),
      optionsRepo.groupIdsOfItems(this.ctx.db, storeId),
    ]);
    const groupById = new Map(groupDtos(groups, options).map((g) => [g.id, g]));
    const optionGroupsOf = (itemId: number): OptionGroup[] =>
      (groupIds.get(itemId) ?? []).flatMap((id) => groupById.get(id) ?? []);
    const byCategory = new Map<number, ItemRow[]>();
    for (const item of items) {
      const list = byCategory.get(item.category_id) ?? [];
      list.push(item);
      byCategory.set(item.category_id, list);
    }
    const menu: TableMenu = {
      categories: categories.map((c) => ({
        id: c.id,
        name: c.name,
        items: (byCategory.get(c.id) ?? []).map((i) => ({
          id: i.id,
          name: i.name,
          price: i.price,
          description: i.description,
          ...this.urls(i.image_key),
          soldOut: i.sold_out === 1,
          optionGroups: optionGroupsOf(i.id),
        })),
      })),
    };
    // UTF-8 bytes encoded once: Korean names would otherwise be re-encoded on every request.
    const entry: CachedMenu = {
      version,
      etag: `W/"menu-${storeId}-${version}"`,
      json: Buffer.from(JSON.stringify(menu)),
    };
    // A slower concurrent build must not replace a newer version.
    const current = this.cache.get(storeId);
    if (!current || current.version <= version) this.cache.set(storeId, entry);
    return entry;
  }

  /**
   * The menu's gzip bytes, compressed once per menu version: a menu with option groups repeats each
   * group under every item that offers it, which gzip shrinks to a fraction (tablets always accept it).
   */
  gzipped(menu: CachedMenu): Buffer {
    menu.gzip ??= gzipSync(menu.json);
    return menu.gzip;
  }

  // ---- categories -------------------------------------------------------------------------

  async listCategories(storeId: number): Promise<Category[]> {
    return (await repo.listCategories(this.ctx.db, storeId)).map((c) => ({
      id: c.id,
      name: c.name,
      displayOrder: c.display_order,
    }));
  }

  async createCategory(storeId: number, name: string, actor: Actor): Promise<Category> {
    return this.write(storeId, async (trx, now) => {
      if (await repo.findCategoryByName(trx, storeId, name)) throw Errors.categoryNameTaken(name);
      const { id, displayOrder } = await repo.insertCategory(trx, storeId, name, now);
      await recordAudit(trx, { storeId, subject: 'category', subjectId: id, action: 'created', actor, now });
      return { id, name, displayOrder };
    }).catch(rethrowUnique(name));
  }

  async renameCategory(storeId: number, id: number, name: string, actor: Actor): Promise<Category> {
    return this.write(storeId, async (trx, now) => {
      const cat = await this.category(trx, storeId, id);
      const other = await repo.findCategoryByName(trx, storeId, name);
      if (other && other.id !== id) throw Errors.categoryNameTaken(name);
      await repo.renameCategory(trx, id, name);
      await recordAudit(trx, { storeId, subject: 'category', subjectId: id, action: 'renamed', actor, now });
      return { id, name, displayOrder: cat.display_order };
    }).catch(rethrowUnique(name));
  }

  async deleteCategory(storeId: number, id: number, actor: Actor): Promise<void> {
    await this.write(storeId, async (trx, now) => {
      const cat = await this.category(trx, storeId, id);
      if ((await repo.countLiveItems(trx, id)) > 0) throw Errors.categoryNotEmpty(cat.name);
      await repo.softDeleteCategory(trx, id, now);
      await recordAudit(trx, { storeId, subject: 'category', subjectId: id, action: 'deleted', actor, now });
    });
  }

  async reorderCategories(storeId: number, ids: number[]): Promise<Category[]> {
    await this.write(storeId, async (trx) => {
      const live = (await repo.listCategories(trx, storeId)).map((c) => c.id);
      assertSameSet(ids, live, 'categories');
      await repo.setOrder(trx, 'categories', storeId, ids);
    });
    return this.listCategories(storeId);
  }

  // ---- items --------------------------------------------------------------------------------

  /** The store's live items (of one category), each with who last changed it. */
  async listItems(storeId: number, categoryId?: number): Promise<MenuItem[]> {
    const rows = await repo.listItems(this.ctx.db, storeId, categoryId);
    const ids = categoryId === undefined ? undefined : rows.map((r) => r.id);
    const [groupIds, changes] = await Promise.all([
      optionsRepo.groupIdsOfItems(this.ctx.db, storeId, ids),
      lastChangeOf(this.ctx.db, storeId, 'menu_item', ids),
    ]);
    return rows.map((r) => this.itemDto(r, groupIds.get(r.id), changes.get(r.id)));
  }

  async getItem(storeId: number, id: number): Promise<MenuItem> {
    const [row, groupIds, changes] = await Promise.all([
      repo.findItem(this.ctx.db, storeId, id),
      optionsRepo.groupIdsOfItems(this.ctx.db, storeId, [id]),
      lastChangeOf(this.ctx.db, storeId, 'menu_item', [id]),
    ]);
    if (!row) throw Errors.notFound('Menu item');
    return this.itemDto(row, groupIds.get(id), changes.get(id));
  }

  async createItem(storeId: number, body: MenuItemCreateBody, actor: Actor): Promise<MenuItem> {
    const id = await this.write(storeId, async (trx, now) => {
      await this.assertCategoryForItem(trx, storeId, body.categoryId);
      if (body.imageKey) await this.assertImage(trx, storeId, body.imageKey);
      if (body.optionGroupIds) await this.assertOptionGroups(trx, storeId, body.optionGroupIds);
      const itemId = await repo.insertItem(
        trx,
        storeId,
        {
          category_id: body.categoryId,
          name: body.name,
          price: body.price,
          description: body.description ?? '',
          image_key: body.imageKey ?? null,
          sold_out: body.soldOut ? 1 : 0,
        },
        now,
      );
      if (body.optionGroupIds?.length) {
        await optionsRepo.setItemGroups(trx, storeId, itemId, body.optionGroupIds);
      }
      await recordAudit(trx, {
        storeId,
        subject: 'menu_item',
        subjectId: itemId,
        action: 'created',
        actor,
        now,
      });
      return itemId;
    });
    return this.getItem(storeId, id);
  }

  /** A partial update; one carrying only `soldOut` is recorded as the sold-out switch. */
  async updateItem(storeId: number, id: number, body: MenuItemUpdateBody, actor: Actor): Promise<MenuItem> {
    await this.write(storeId, async (trx, now) => {
      const item = await repo.findItem(trx, storeId, id);
      if (!item) throw Errors.notFound('Menu item');
      const change: Parameters<typeof repo.updateItem>[2] = {};
      if (body.categoryId !== undefined && body.categoryId !== item.category_id) {
        await this.assertCategoryForItem(trx, storeId, body.categoryId);
        change.category_id = body.categoryId;
        change.display_order = await repo.nextItemOrder(trx, storeId, body.categoryId);
      }
      if (body.imageKey) await this.assertImage(trx, storeId, body.imageKey);
      if (body.name !== undefined) change.name = body.name;
      if (body.price !== undefined) change.price = body.price;
      if (body.description !== undefined) change.description = body.description;
      if (body.imageKey !== undefined) change.image_key = body.imageKey;
      if (body.soldOut !== undefined) change.sold_out = body.soldOut ? 1 : 0;
      await repo.updateItem(trx, id, change, now);
      if (body.optionGroupIds) {
        await this.assertOptionGroups(trx, storeId, body.optionGroupIds);
        await optionsRepo.setItemGroups(trx, storeId, id, body.optionGroupIds);
      }
      const switchOnly = Object.keys(body).every((k) => k === 'soldOut');
      const action = switchOnly ? (body.soldOut ? 'sold_out' : 'back_in_stock') : 'updated';
      await recordAudit(trx, { storeId, subject: 'menu_item', subjectId: id, action, actor, now });
    });
    return this.getItem(storeId, id);
  }

  async deleteItem(storeId: number, id: number, actor: Actor): Promise<void> {
    await this.write(storeId, async (trx, now) => {
      if (!(await repo.findItem(trx, storeId, id))) throw Errors.notFound('Menu item');
      await repo.softDeleteItem(trx, id, now);
      await recordAudit(trx, { storeId, subject: 'menu_item', subjectId: id, action: 'deleted', actor, now });
    });
  }

  async reorderItems(storeId: number, categoryId: number, ids: number[]): Promise<MenuItem[]> {
    await this.write(storeId, async (trx) => {
      await this.assertCategoryForItem(trx, storeId, categoryId);
      assertSameSet(ids, await repo.liveItemIdsOfCategory(trx, categoryId), 'menu items of the category');
      await repo.setOrder(trx, 'menu_items', storeId, ids);
    });
    return this.listItems(storeId, categoryId);
  }

  // ---- helpers ------------------------------------------------------------------------------

  /**
   * One transaction per change (of categories, items or option groups), recording `menu.changed`; the
   * menu caches are dropped after commit.
   */
  async write<T>(storeId: number, fn: (trx: Trx, now: number) => Promise<T>): Promise<T> {
    const { result } = await writeWithEvent(
      this.ctx,
      storeId,
      async ({ trx, now }) => ({
        result: await fn(trx, now),
        event: { type: 'menu.changed', tableId: null, payload: {} },
      }),
      {
        menuChanged: true,
        committed: () => {
          this.cache.delete(storeId);
          this.ctx.caches.menuVersion.invalidate(storeId);
        },
      },
    );
    return result;
  }

  private async category(trx: Trx, storeId: number, id: number) {
    const cat = await repo.findCategory(trx, storeId, id);
    if (!cat) throw Errors.notFound('Category');
    return cat;
  }

  private async assertCategoryForItem(trx: Trx, storeId: number, categoryId: number): Promise<void> {
    if (!(await repo.findCategory(trx, storeId, categoryId))) {
      throw Errors.unknownCategory();
    }
  }

  private async assertImage(trx: Trx, storeId: number, key: string): Promise<void> {
    if (!(await imageExists(trx, storeId, key))) {
      throw Errors.unknownImage();
    }
  }

  private async assertOptionGroups(trx: Trx, storeId: number, ids: number[]): Promise<void> {
    const found = await optionsRepo.existingGroupIds(trx, storeId, ids);
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) throw Errors.unknownOptionGroup(missing);
  }

  private urls(key: string | null) {
    return key
      ? { imageUrl: this.ctx.storage.url(key), thumbnailUrl: this.ctx.storage.thumbnailUrl(key) }
      : { imageUrl: null, thumbnailUrl: null };
  }

  private itemDto(r: ItemRow, optionGroupIds: number[] = [], change?: AuditRecord): MenuItem {
    return {
      id: r.id,
      categoryId: r.category_id,
      name: r.name,
      price: r.price,
      description: r.description,
      imageKey: r.image_key,
      ...this.urls(r.image_key),
      soldOut: r.sold_out === 1,
      displayOrder: r.display_order,
      optionGroupIds,
      lastChange: change ? { username: change.username, at: iso(change.at) } : null,
    };
  }
}

function assertSameSet(given: number[], live: number[], what: string): void {
  const g = new Set(given);
  const l = new Set(live);
  if (g.size !== given.length || g.size !== l.size || [...g].some((id) => !l.has(id))) {
    throw Errors.validationFailed(`ids must list every one of the ${what} exactly once.`, [
      { field: 'ids', message: `expected ${String(live.length)} distinct ids` },
    ]);
  }
}

function rethrowUnique(name: string) {
  return (err: unknown): never => {
    throw isUniqueViolation(err) ? Errors.categoryNameTaken(name) : err;
  };
}
