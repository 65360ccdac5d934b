import { createHash } from 'node:crypto';
import type { OrderCreateBody, OrderLineOption } from '@table-order/contracts';
import type { MenuItemRow } from '../../db/types.js';
import { Errors, type OptionProblem } from '../../shared/errors.js';
import type { ItemOptionRow } from '../menu/index.js';
import type { ItemRow } from './orders.repository.js';

// The pure steps of placing an order (OrdersService.place): which items it names, its lines priced from
// the menu of this moment, its total, its number, and the fingerprint an idempotent repeat must match.

/** A menu item as an order reads it. */
export type OrderableItem = Pick<MenuItemRow, 'id' | 'name' | 'price' | 'sold_out' | 'deleted_at'>;

/** One priced line, as stored in `order_items`. */
export type OrderLineValues = Omit<ItemRow, 'order_id'>;

/** The distinct menu item ids the order names, in the order first named. */
export function orderedItemIds(items: OrderCreateBody['items']): number[] {
  return [...new Set(items.map((i) => i.menuItemId))];
}

/**
 * One line per requested line (in the guest's order), priced and named from `menu` (the store's rows for
 * `orderedItemIds`) and `offered` (every option those items offer, see `optionsOfItems`). Throws, in
 * this order: `unknown_menu_item` (422) naming every id the store does not have;
 * `menu_items_unavailable` (409) naming every deleted or sold-out item; `invalid_options` (422) for every
 * option the item does not offer, chosen twice, or a group chosen too few or too many times;
 * `options_unavailable` (409) naming each sold-out option with its item; `invalid_options` (422) for a
 * line whose unit price (item price + option deltas) would be below 0.
 */
export function priceLines(
  items: OrderCreateBody['items'],
  menu: OrderableItem[],
  offered: ItemOptionRow[] = [],
): OrderLineValues[] {
  const found = new Map(menu.map((m) => [m.id, m]));
  const unknown = orderedItemIds(items).filter((id) => !found.has(id));
  if (unknown.length > 0) throw Errors.unknownMenuItem(unknown);
  const unavailable = [...found.values()].filter((m) => m.deleted_at !== null || m.sold_out === 1);
  if (unavailable.length > 0) {
    throw Errors.menuItemsUnavailable(
      unavailable.map((m) => ({
        menuItemId: m.id,
        name: m.name,
        reason: m.deleted_at !== null ? 'deleted' : 'sold_out',
      })),
    );
  }
  const offers = offersByItem(offered);
  const chosen = items.map((line, index) => {
    const m = found.get(line.menuItemId);
    if (!m) throw new Error('unreachable: every id was checked above');
    return { line, index, item: m, options: chooseOptions(index, m.id, line.optionIds ?? [], offers) };
  });
  const problems = chosen.flatMap((c) => c.options.problems);
  if (problems.length > 0) throw Errors.invalidOptions(problems);
  const soldOut = chosen.flatMap((c) =>
    c.options.rows
      .filter((o) => o.sold_out === 1)
      .map((o) => ({
        menuItemId: c.item.id,
        name: c.item.name,
        optionId: o.option_id,
        optionName: o.option_name,
      })),
  );
  if (soldOut.length > 0) throw Errors.optionsUnavailable(soldOut);
  const lines = chosen.map(({ line, item, options }) => {
    const unitPrice = item.price + options.rows.reduce((sum, o) => sum + o.price_delta, 0);
    return {
      menu_item_id: item.id,
      name: item.name,
      unit_price: unitPrice,
      quantity: line.quantity,
      subtotal: unitPrice * line.quantity,
      options: options.rows.map((o): OrderLineOption => ({
        groupName: o.group_name,
        name: o.option_name,
        priceDelta: o.price_delta,
      })),
    };
  });
  const negative = chosen.filter((_, i) => (lines[i]?.unit_price ?? 0) < 0);
  if (negative.length > 0) {
    throw Errors.invalidOptions(
      negative.map((c) => ({
        field: 'items',
        line: c.index,
        menuItemId: c.item.id,
        reason: 'negative_price',
        message: `the options would make ${c.item.name} cost less than 0`,
      })),
      'The chosen options would make the price negative.',
    );
  }
  return lines;
}

/** The options each item offers, by item id (rows keep their menu order). */
function offersByItem(offered: ItemOptionRow[]): Map<number, ItemOptionRow[]> {
  const out = new Map<number, ItemOptionRow[]>();
  for (const o of offered) {
    const list = out.get(o.menu_item_id) ?? [];
    list.push(o);
    out.set(o.menu_item_id, list);
  }
  return out;
}

/**
 * The offered options a line chose, in menu order (group position, then option order), and what breaks
 * the rules: an option the item does not offer (another item's, another store's, or none at all), one
 * chosen twice, a group below its minSelect or above its maxSelect.
 */
function chooseOptions(
  line: number,
  menuItemId: number,
  optionIds: number[],
  offers: Map<number, ItemOptionRow[]>,
): { rows: ItemOptionRow[]; problems: OptionProblem[] } {
  const offered = offers.get(menuItemId) ?? [];
  const ids = new Set(optionIds);
  const problems: OptionProblem[] = [];
  const at = { field: 'items' as const, line, menuItemId };
  const seen = new Set<number>();
  for (const id of optionIds) {
    if (seen.has(id)) {
      problems.push({ ...at, reason: 'duplicate_option', optionId: id, message: 'option chosen twice' });
    } else if (!offered.some((o) => o.option_id === id)) {
      problems.push({ ...at, reason: 'unknown_option', optionId: id, message: 'not an option of this item' });
    }
    seen.add(id);
  }
  const rows = offered.filter((o) => ids.has(o.option_id));
  const groups = new Map<number, ItemOptionRow>();
  for (const o of offered) if (!groups.has(o.group_id)) groups.set(o.group_id, o);
  for (const g of groups.values()) {
    const count = rows.filter((o) => o.group_id === g.group_id).length;
    const group = { optionGroupId: g.group_id, groupName: g.group_name };
    if (count < g.min_select) {
      problems.push({ ...at, ...group, reason: 'too_few', message: `choose at least ${g.min_select}` });
    } else if (count > g.max_select) {
      problems.push({ ...at, ...group, reason: 'too_many', message: `choose at most ${g.max_select}` });
    }
  }
  return { rows, problems };
}

/** The order's total: the sum of its lines' subtotals. */
export function orderTotal(lines: Pick<OrderLineValues, 'subtotal'>[]): number {
  return lines.reduce((sum, l) => sum + l.subtotal, 0);
}

/** `YYYYMMDD-NNNN`: the store-local date (digits only) and the day's sequence, at least four digits. */
export function orderNumber(date: string, seq: number): string {
  return `${date}-${String(seq).padStart(4, '0')}`;
}

/**
 * What an idempotent repeat must match: the lines (item, quantity and chosen options, in order) and the
 * note. A line's options are a set (their order does not matter); a line without options hashes as it
 * did before options existed.
 */
export function requestHash(body: OrderCreateBody): string {
  const lines = body.items.map((i) =>
    i.optionIds?.length
      ? [i.menuItemId, i.quantity, [...i.optionIds].sort((a, b) => a - b)]
      : [i.menuItemId, i.quantity],
  );
  return createHash('sha256')
    .update(JSON.stringify({ items: lines, note: body.note ?? '' }))
    .digest('hex');
}
