import {
  parseTranslations,
  storedTranslations,
  type MenuOption,
  type OptionGroup,
  type OptionGroupCreateBody,
  type OptionGroupUpdateBody,
  type OptionInput,
} from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import type { Queryable, Trx } from '../../infra/db.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { Errors } from '../../shared/errors.js';
import * as repo from './option-groups.repository.js';

/** A menu write (MenuService.write): one transaction recording `menu.changed`, caches dropped after. */
export type MenuWrite = <T>(storeId: number, fn: (trx: Trx, now: number) => Promise<T>) => Promise<T>;

/** Store-wide option groups (SPEC 10); every change is a menu change (`menu.changed`, new menu version). */
export class OptionGroupsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly write: MenuWrite,
  ) {}

  async list(storeId: number): Promise<OptionGroup[]> {
    const [groups, options] = await Promise.all([
      repo.listGroups(this.ctx.db, storeId),
      repo.listOptions(this.ctx.db, storeId),
    ]);
    return groupDtos(groups, options);
  }

  async create(storeId: number, body: OptionGroupCreateBody): Promise<OptionGroup> {
    const id = await this.write(storeId, async (trx, now) => {
      checkGroup(body.minSelect, body.maxSelect, body.options);
      if (await repo.findGroupByName(trx, storeId, body.name)) throw Errors.optionGroupNameTaken(body.name);
      const groupId = await repo.insertGroup(
        trx,
        storeId,
        {
          name: body.name,
          min_select: body.minSelect,
          max_select: body.maxSelect,
          translations: storedTranslations(body.translations),
        },
        now,
      );
      await replaceOptions(trx, storeId, groupId, [], body.options);
      return groupId;
    }).catch(rethrowUnique(body.name));
    return this.get(this.ctx.db, storeId, id);
  }

  /**
   * Renames, changes the selection limits and/or replaces the option list: an entry with an existing
   * option's id keeps that option (its sold-out flag stays unless given), one without id is new, an
   * option missing from the list is removed; the list's order is the display order.
   */
  async update(
    storeId: number,
    id: number,
    body: OptionGroupUpdateBody,
    { soldOutOnly = false }: { soldOutOnly?: boolean } = {},
  ): Promise<OptionGroup> {
    await this.write(storeId, async (trx, now) => {
      const group = await repo.findGroup(trx, storeId, id);
      if (!group) throw Errors.notFound('Option group');
      const existing = await repo.listOptions(trx, storeId, [id]);
      if (soldOutOnly && !changesOnlySoldOut(body, existing)) {
        throw Errors.forbidden('Staff may only switch options sold out or back.');
      }
      const list = body.options ?? existing.map(optionInput);
      checkGroup(body.minSelect ?? group.min_select, body.maxSelect ?? group.max_select, list);
      if (body.name !== undefined && body.name !== group.name) {
        const other = await repo.findGroupByName(trx, storeId, body.name);
        if (other) throw Errors.optionGroupNameTaken(body.name);
      }
      await repo.updateGroup(
        trx,
        id,
        {
          ...(body.name === undefined ? {} : { name: body.name }),
          ...(body.minSelect === undefined ? {} : { min_select: body.minSelect }),
          ...(body.maxSelect === undefined ? {} : { max_select: body.maxSelect }),
          ...(body.translations === undefined ? {} : { translations: storedTranslations(body.translations) }),
        },
        now,
      );
      if (body.options) await replaceOptions(trx, storeId, id, existing, body.options);
    }).catch(rethrowUnique(body.name ?? ''));
    return this.get(this.ctx.db, storeId, id);
  }

  /** Deletes a group no live menu item offers; otherwise 409 naming those items. */
  async remove(storeId: number, id: number): Promise<void> {
    await this.write(storeId, async (trx) => {
      const group = await repo.findGroup(trx, storeId, id);
      if (!group) throw Errors.notFound('Option group');
      const users = await repo.liveItemsUsingGroup(trx, id);
      if (users.length > 0) {
        throw Errors.optionGroupInUse(
          group.name,
          users.map((u) => ({ menuItemId: u.id, name: u.name })),
        );
      }
      await repo.deleteGroup(trx, id);
    });
  }

  private async get(db: Queryable, storeId: number, id: number): Promise<OptionGroup> {
    const [group, options] = await Promise.all([
      repo.findGroup(db, storeId, id),
      repo.listOptions(db, storeId, [id]),
    ]);
    if (!group) throw Errors.notFound('Option group');
    return groupDto(group, options);
  }
}

/** Option groups with their options (rows of `listOptions`, by group in display order). */
export function groupDtos(groups: repo.GroupRow[], options: repo.OptionRow[]): OptionGroup[] {
  const byGroup = new Map<number, repo.OptionRow[]>();
  for (const o of options) {
    const list = byGroup.get(o.group_id) ?? [];
    list.push(o);
    byGroup.set(o.group_id, list);
  }
  return groups.map((g) => groupDto(g, byGroup.get(g.id) ?? []));
}

function groupDto(g: repo.GroupRow, options: repo.OptionRow[]): OptionGroup {
  return {
    id: g.id,
    name: g.name,
    minSelect: g.min_select,
    maxSelect: g.max_select,
    options: options.map((o): MenuOption => ({
      id: o.id,
      name: o.name,
      priceDelta: o.price_delta,
      soldOut: o.sold_out === 1,
      translations: parseTranslations(o.translations),
    })),
    translations: parseTranslations(g.translations),
  };
}

/** The rules across fields (422): minSelect ≤ maxSelect ≤ number of options, option names distinct. */
function checkGroup(minSelect: number, maxSelect: number, options: Pick<OptionInput, 'name'>[]): void {
  if (minSelect > maxSelect) {
    throw Errors.validationFailed('minSelect must not be above maxSelect.', [
      { field: 'minSelect', message: `at most maxSelect (${maxSelect})` },
    ]);
  }
  if (maxSelect > options.length) {
    throw Errors.validationFailed('maxSelect must not be above the number of options.', [
      { field: 'maxSelect', message: `at most the number of options (${options.length})` },
    ]);
  }
  const names = new Set<string>();
  options.forEach((o, i) => {
    if (names.has(o.name)) {
      throw Errors.validationFailed(`Two options are named "${o.name}".`, [
        { field: `options.${i}.name`, message: 'option names must differ' },
      ]);
    }
    names.add(o.name);
  });
}

/** Applies a full option list to a group: keep (update) listed ids, insert new entries, drop the rest. */
async function replaceOptions(
  trx: Trx,
  storeId: number,
  groupId: number,
  existing: repo.OptionRow[],
  list: OptionInput[],
): Promise<void> {
  const byId = new Map(existing.map((o) => [o.id, o]));
  const kept = new Set<number>();
  list.forEach((o, i) => {
    if (o.id === undefined) return;
    if (!byId.has(o.id) || kept.has(o.id)) {
      throw Errors.validationFailed(
        kept.has(o.id) ? `Option ${o.id} is listed twice.` : `Option ${o.id} is not an option of this group.`,
        [{ field: `options.${i}.id`, message: kept.has(o.id) ? 'listed twice' : 'unknown option' }],
      );
    }
    kept.add(o.id);
  });
  await repo.deleteOptions(
    trx,
    existing.filter((o) => !kept.has(o.id)).map((o) => o.id),
  );
  const added: repo.OptionValues[] = [];
  for (const [i, o] of list.entries()) {
    const current = o.id === undefined ? undefined : byId.get(o.id);
    const values = optionValues(o, i, current);
    if (!current) {
      added.push(values);
    } else if (
      current.name !== values.name ||
      current.price_delta !== values.price_delta ||
      current.sold_out !== values.sold_out ||
      current.display_order !== values.display_order ||
      current.translations !== values.translations
    ) {
      await repo.updateOption(trx, current.id, values);
    }
  }
  await repo.insertOptions(trx, storeId, groupId, added);
}

function optionValues(o: OptionInput, index: number, current?: repo.OptionRow): repo.OptionValues {
  return {
    name: o.name,
    price_delta: o.priceDelta,
    sold_out: o.soldOut === undefined ? (current?.sold_out ?? 0) : o.soldOut ? 1 : 0,
    display_order: index,
    // An entry without `translations` keeps the option's (like its sold-out flag); given, it replaces them.
    translations:
      o.translations === undefined ? (current?.translations ?? null) : storedTranslations(o.translations),
  };
}

/** True when `body` keeps the group's options as they are (same ids, names, prices, order) but sold-out flags. */
function changesOnlySoldOut(body: OptionGroupUpdateBody, existing: repo.OptionRow[]): boolean {
  const list = body.options;
  if (!list || Object.keys(body).some((k) => k !== 'options') || list.length !== existing.length)
    return false;
  return list.every((o, i) => {
    const now = existing[i];
    return (
      now !== undefined &&
      o.id === now.id &&
      o.name === now.name &&
      o.priceDelta === now.price_delta &&
      (o.translations === undefined || storedTranslations(o.translations) === now.translations)
    );
  });
}

function optionInput(o: repo.OptionRow): OptionInput {
  return {
    id: o.id,
    name: o.name,
    priceDelta: o.price_delta,
    soldOut: o.sold_out === 1,
    translations: parseTranslations(o.translations),
  };
}

function rethrowUnique(name: string) {
  return (err: unknown): never => {
    throw isUniqueViolation(err) ? Errors.optionGroupNameTaken(name) : err;
  };
}
