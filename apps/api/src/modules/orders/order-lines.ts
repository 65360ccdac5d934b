import { createHash } from 'node:crypto';
import type { OrderCreateBody } from '@table-order/contracts';
import type { MenuItemRow } from '../../db/types.js';
import { Errors } from '../../shared/errors.js';
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
 * `orderedItemIds`). Throws `unknown_menu_item` (422) naming every id the store does not have, else
 * `menu_items_unavailable` (409) naming every deleted or sold-out item.
 */
export function priceLines(items: OrderCreateBody['items'], menu: OrderableItem[]): OrderLineValues[] {
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
  return items.map((i) => {
    const m = found.get(i.menuItemId);
    if (!m) throw new Error('unreachable: every id was checked above');
    return {
      menu_item_id: m.id,
      name: m.name,
      unit_price: m.price,
      quantity: i.quantity,
      subtotal: m.price * i.quantity,
    };
  });
}

/** The order's total: the sum of its lines' subtotals. */
export function orderTotal(lines: Pick<OrderLineValues, 'subtotal'>[]): number {
  return lines.reduce((sum, l) => sum + l.subtotal, 0);
}

/** `YYYYMMDD-NNNN`: the store-local date (digits only) and the day's sequence, at least four digits. */
export function orderNumber(date: string, seq: number): string {
  return `${date}-${String(seq).padStart(4, '0')}`;
}

/** What an idempotent repeat must match: the lines (item and quantity, in order) and the note. */
export function requestHash(body: OrderCreateBody): string {
  return createHash('sha256')
    .update(
      JSON.stringify({ items: body.items.map((i) => [i.menuItemId, i.quantity]), note: body.note ?? '' }),
    )
    .digest('hex');
}
