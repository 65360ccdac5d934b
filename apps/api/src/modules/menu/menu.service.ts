import {
  parseTranslations,
  storedTranslations,
  type Category,
  type CategoryCreateBody,
  type CategoryUpdateBody,
  type MenuItem,
  type MenuItemCreateBody,
  type MenuItemUpdateBody,
  type MenuLanguage,
  type OptionGroup,
  type TableMenu,
  type TranslatedText,
  type Translations,
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
import { findStoreSettings } from '../stores/index.js';
import * as repo from './menu.repository.js';
import * as optionsRepo from './option-groups.repository.js';
import { groupDtos } from './option-groups.service.js';

type ItemRow = Awaited<ReturnType<typeof repo.listItems>>[number];

/** The serialised table menu of one store at one menu version, in one language. */
export interface CachedMenu {
  version: number;
  /** The language it answers in: the one asked for when the store offers it, else Korean. */
  lang: MenuLanguage;
  /** Weak: the same ETag stands for the plain and the gzip bytes (RFC 9110 §8.8.3). */
  etag: string;
  /** The JSON body as UTF-8 bytes. */
  json: Buffer;
  /** The same bytes gzipped, made on the first request that accepts gzip. */
  gzip?: Buffer;
}

/** What one menu version of a store is built from, kept to answer each language without a query. */
interface MenuSource {
  version: number;
  /** The store's menu languages at this version (a change of them bumps the menu version). */
  languages: MenuLanguage[];
  /** Korean menu with every entry's translations, built once per version. */
  menu: TableMenu;
  translations: Map<string, Translations>;
  byLang: Map<MenuLanguage, CachedMenu>;
}

/** Categories and menu items; every change records `menu.changed` and bumps the store's menu version. */
export class MenuService {
  private readonly cache = new Map<number, MenuSource>();

  constructor(private readonly ctx: AppContext) {}

  // ---- table view -------------------------------------------------------------------------

  /**
   * The store's menu in `lang` when memory alone can answer (menu version cached and menu built), else
   * undefined.
   */
  cachedTableMenu(storeId: number, lang: MenuLanguage = 'ko'): CachedMenu | undefined {
    const version = this.ctx.caches.menuVersion.peek(storeId);
    const hit = this.cache.get(storeId);
    return version !== undefined && hit?.version === version
      ? this.inLanguage(storeId, hit, lang)
      : undefined;
  }

  /**
   * The guest menu in `lang` (names and descriptions replaced where translated, Korean otherwise; a
   * language the store does not offer answers Korean), rebuilt only when the store's menu version moved.
   */
  async tableMenu(storeId: number, lang: MenuLanguage = 'ko'): Promise<CachedMenu> {
    const version = await this.ctx.caches.menuVersion.get(storeId);
    if (version === undefined) throw Errors.notFound('Store');
    const hit = this.cache.get(storeId);
    if (hit && hit.version === version) return this.inLanguage(storeId, hit, lang);
    const [categories, items, groups, options, groupIds, settings] = await Promise.all([
      repo.listCategories(this.ctx.db, storeId),
      repo.listItems(this.ctx.db, storeId),
      optionsRepo.listGroups(this.ctx.db, storeId),
      optionsRepo.listOptions(this.ctx.db, storeId),
      optionsRepo.groupIdsOfItems(this.ctx.db, storeId),
      findStoreSettings(this.ctx.db, storeId),
    ]);
    const translations = new Map<string, Translations>();
    const keep = (key: string, stored: string | null) => {
      const t = parseTranslations(stored);
      if (Object.keys(t).length > 0) translations.set(key, t);
    };
    for (const c of categories) keep(`c${c.id}`, c.translations);
    for (const i of items) keep(`i${i.id}`, i.translations);
    for (const g of groups) keep(`g${g.id}`, g.translations);
    for (const o of options) keep(`o${o.id}`, o.translations);
    const groupById = new Map(
      groupDtos(groups, options).map(({ translations: _t, ...g }) => [
        g.id,
        { ...g, options: g.options.map(({ translations: _o, ...o }) => o) },
      ]),
    );
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
    const source: MenuSource = {
      version,
      languages: settings?.menuLanguages ?? ['ko'],
      menu,
      translations,
      byLang: new Map(),
    };
    // A slower concurrent build must not replace a newer version.
    const current = this.cache.get(storeId);
    if (!current || current.version <= version) this.cache.set(storeId, source);
    return this.inLanguage(storeId, source, lang);
  }

  /** One language's serialised menu of a version, made on first use. */
  private inLanguage(storeId: number, source: MenuSource, asked: MenuLanguage): CachedMenu {
    const lang = source.languages.includes(asked) ? asked : 'ko';
    const made = source.byLang.get(lang);
    if (made) return made;
    const menu = lang === 'ko' ? source.menu : translateMenu(source.menu, source.translations, lang);
    // UTF-8 bytes encoded once: Korean names would otherwise be re-encoded on every request.
    const entry: CachedMenu = {
      version: source.version,
      lang,
      etag: `W/"menu-${storeId}-${source.version}-${lang}"`,
      json: Buffer.from(JSON.stringify(menu)),
    };
    source.byLang.set(lang, entry);
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
      translations: parseTranslations(c.translations),
    }));
  }

  async createCategory(storeId: number, body: CategoryCreateBody, actor: Actor): Promise<Category> {
    const { name } = body;
    const stored = storedTranslations(body.translations);
    return this.write(storeId, async (trx, now) => {
      if (await repo.findCategoryByName(trx, storeId, name)) throw Errors.categoryNameTaken(name);
      const { id, displayOrder } = await repo.insertCategory(trx, storeId, name, now, stored);
      await recordAudit(trx, { storeId, subject: 'category', subjectId: id, action: 'created', actor, now });
      return { id, name, displayOrder, translations: parseTranslations(stored) };
    }).catch(rethrowUnique(name));
  }

  /** Renames the category and/or replaces its translations (the whole object). */
  async updateCategory(
    storeId: number,
    id: number,
    body: CategoryUpdateBody,
    actor: Actor,
  ): Promise<Category> {
    return this.write(storeId, async (trx, now) => {
      const cat = await this.category(trx, storeId, id);
      const name = body.name ?? cat.name;
      if (body.name !== undefined) {
        const other = await repo.findCategoryByName(trx, storeId, name);
        if (other && other.id !== id) throw Errors.categoryNameTaken(name);
      }
      const translations =
        body.translations === undefined ? cat.translations : storedTranslations(body.translations);
      await repo.updateCategory(trx, id, {
        ...(body.name === undefined ? {} : { name }),
        ...(body.translations === undefined ? {} : { translations }),
      });
      const action = body.name === undefined ? 'updated' : 'renamed';
      await recordAudit(trx, { storeId, subject: 'category', subjectId: id, action, actor, now });
      return { id, name, displayOrder: cat.display_order, translations: parseTranslations(translations) };
    }).catch(rethrowUnique(body.name ?? ''));
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
          translations: storedTranslations(body.translations),
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
      if (body.translations !== undefined) change.translations = storedTranslations(body.translations);
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
      translations: parseTranslations(r.translations),
      lastChange: change ? { username: change.username, at: iso(change.at) } : null,
    };
  }
}

/** The Korean menu with names and descriptions replaced where `lang` has them (per field). */
function translateMenu(
  menu: TableMenu,
  translations: Map<string, Translations>,
  lang: MenuLanguage,
): TableMenu {
  const text = (key: string): TranslatedText | undefined =>
    lang === 'ko' ? undefined : translations.get(key)?.[lang];
  const named = <T extends { id: number; name: string }>(prefix: string, v: T): T => {
    const t = text(`${prefix}${v.id}`);
    return t ? { ...v, name: t.name } : v;
  };
  return {
    categories: menu.categories.map((c) => ({
      ...named('c', c),
      items: c.items.map((i) => {
        const t = text(`i${i.id}`);
        return {
          ...i,
          name: t?.name ?? i.name,
          description: t?.description ?? i.description,
          optionGroups: i.optionGroups.map((g) => ({
            ...named('g', g),
            options: g.options.map((o) => named('o', o)),
          })),
        };
      }),
    })),
  };
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
