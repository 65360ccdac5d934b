// The cart's rules as pure functions (no React, no storage), so they are easy to test and reuse.
import type { TableMenuItem } from '@table-order/contracts';
import { ORDER_LINES_MAX, ORDER_NOTE_MAX, ORDER_QUANTITY_MAX } from '@table-order/contracts/constants';

/** A chosen option on a cart line, as the menu named and priced it when added (refreshed on sync). */
export interface CartLineOption {
  id: number;
  groupName: string;
  name: string;
  priceDelta: number;
}

export interface CartLine {
  menuItemId: number;
  name: string;
  /** Item price plus the options' deltas when added; refreshed from the menu (the server prices the order anyway). */
  unitPrice: number;
  quantity: number;
  /** Chosen options in menu order; the same item with other options is another line. */
  options: CartLineOption[];
}

export interface Cart {
  lines: CartLine[];
  note: string;
  /**
   * Idempotency-Key of the submission in flight or last failed: made once when the guest confirms,
   * reused by every retry, dropped as soon as the cart's content changes (a new submission).
   */
  submissionKey: string | null;
}

/** Why a change could not be made in full. */
export type CartProblem = 'too_many_lines' | 'quantity_limit';

export interface CartChange {
  cart: Cart;
  problem?: CartProblem;
}

/** Whether a line can be ordered as it is, by the current menu. */
export type Availability = 'available' | 'sold_out' | 'deleted';

export const emptyCart: Cart = { lines: [], note: '', submissionKey: null };

/** A menu item as the cart reads it (a table menu item, or part of one). */
export interface AddableItem {
  id: number;
  name: string;
  price: number;
  soldOut?: boolean;
  optionGroups?: TableMenuItem['optionGroups'];
}

const clampQuantity = (q: number) => Math.min(ORDER_QUANTITY_MAX, Math.max(1, Math.trunc(q)));

/** What makes a line itself: the item and its set of options (the same choices merge into one line). */
export function lineKey(line: Pick<CartLine, 'menuItemId' | 'options'>): string {
  if (line.options.length === 0) return String(line.menuItemId);
  const ids = line.options.map((o) => o.id).sort((a, b) => a - b);
  return `${line.menuItemId}:${ids.join(',')}`;
}

const priced = (price: number, options: CartLineOption[]) =>
  options.reduce((sum, o) => sum + o.priceDelta, price);

/**
 * Adds `quantity` of an item with the chosen `options`: raises the quantity of the line with the same
 * item and options if there is one, else adds a line.
 */
export function addItem(
  cart: Cart,
  item: AddableItem,
  quantity = 1,
  options: CartLineOption[] = [],
): CartChange {
  const key = lineKey({ menuItemId: item.id, options });
  const unitPrice = priced(item.price, options);
  const existing = cart.lines.find((l) => lineKey(l) === key);
  if (existing) {
    const wanted = existing.quantity + quantity;
    const next = clampQuantity(wanted);
    const lines = cart.lines.map((l) =>
      l === existing ? { ...l, name: item.name, unitPrice, quantity: next } : l,
    );
    return {
      cart: next === existing.quantity ? cart : { ...cart, lines, submissionKey: null },
      ...(wanted > ORDER_QUANTITY_MAX ? { problem: 'quantity_limit' as const } : {}),
    };
  }
  if (cart.lines.length >= ORDER_LINES_MAX) return { cart, problem: 'too_many_lines' };
  const line: CartLine = {
    menuItemId: item.id,
    name: item.name,
    unitPrice,
    quantity: clampQuantity(quantity),
    options,
  };
  return {
    cart: { ...cart, lines: [...cart.lines, line], submissionKey: null },
    ...(quantity > ORDER_QUANTITY_MAX ? { problem: 'quantity_limit' as const } : {}),
  };
}

/** Sets a line's quantity within 1–99 (use removeLine to take it out). */
export function setQuantity(cart: Cart, key: string, quantity: number): CartChange {
  const line = cart.lines.find((l) => lineKey(l) === key);
  if (!line) return { cart };
  const next = clampQuantity(quantity);
  const problem = quantity > ORDER_QUANTITY_MAX ? { problem: 'quantity_limit' as const } : {};
  if (next === line.quantity) return { cart, ...problem };
  return {
    cart: {
      ...cart,
      lines: cart.lines.map((l) => (l === line ? { ...l, quantity: next } : l)),
      submissionKey: null,
    },
    ...problem,
  };
}

/** + or − on a line (never below 1, never above 99). */
export function changeQuantity(cart: Cart, key: string, delta: number): CartChange {
  const line = cart.lines.find((l) => lineKey(l) === key);
  return line ? setQuantity(cart, key, line.quantity + delta) : { cart };
}

/** Takes a line out of the cart. */
export function removeLine(cart: Cart, key: string): Cart {
  return removeLines(cart, [key]);
}

/** Takes several lines out (e.g. the sold-out ones an order was refused for). */
export function removeLines(cart: Cart, keys: readonly string[]): Cart {
  const gone = new Set(keys);
  if (!cart.lines.some((l) => gone.has(lineKey(l)))) return cart;
  return { ...cart, lines: cart.lines.filter((l) => !gone.has(lineKey(l))), submissionKey: null };
}

/**
 * Puts lines back (an order the server refused): a line already in the cart gets the quantities added
 * (at most 99), others are appended while there is room; the note is kept unless the cart has none.
 */
export function restoreLines(cart: Cart, lines: readonly CartLine[], note = ''): Cart {
  let next = cart;
  for (const line of lines) {
    const key = lineKey(line);
    const existing = next.lines.find((l) => lineKey(l) === key);
    if (existing) {
      const quantity = clampQuantity(existing.quantity + line.quantity);
      next = { ...next, lines: next.lines.map((l) => (l === existing ? { ...l, quantity } : l)) };
    } else if (next.lines.length < ORDER_LINES_MAX) {
      next = { ...next, lines: [...next.lines, { ...line, quantity: clampQuantity(line.quantity) }] };
    }
  }
  const restoredNote = next.note === '' ? note.slice(0, ORDER_NOTE_MAX) : next.note;
  return next === cart && restoredNote === cart.note
    ? cart
    : { ...next, note: restoredNote, submissionKey: null };
}

/** Sets the request note (at most 200 characters). */
export function setNote(cart: Cart, note: string): Cart {
  const next = note.slice(0, ORDER_NOTE_MAX);
  return next === cart.note ? cart : { ...cart, note: next, submissionKey: null };
}

/** Gives the cart a submission key unless it already has one (a retry keeps it). */
export function withSubmissionKey(cart: Cart, makeKey: () => string): Cart {
  return cart.submissionKey ? cart : { ...cart, submissionKey: makeKey() };
}

/** The menu's current version of a line's option (undefined when the item no longer offers it). */
function menuOption(item: AddableItem, id: number) {
  for (const g of item.optionGroups ?? []) {
    const o = g.options.find((x) => x.id === id);
    if (o) return { group: g, option: o };
  }
  return undefined;
}

/**
 * Refreshes names and prices (the item's and its options') from the menu; the lines themselves stay,
 * also when a dish or option went away (availability is shown).
 */
export function syncWithMenu(cart: Cart, items: ReadonlyMap<number, AddableItem>): Cart {
  let changed = false;
  const lines = cart.lines.map((l) => {
    const item = items.get(l.menuItemId);
    if (!item) return l;
    const options = l.options.map((o) => {
      const found = menuOption(item, o.id);
      if (!found) return o;
      const next = {
        id: o.id,
        groupName: found.group.name,
        name: found.option.name,
        priceDelta: found.option.priceDelta,
      };
      return next.groupName === o.groupName && next.name === o.name && next.priceDelta === o.priceDelta
        ? o
        : next;
    });
    const unitPrice = priced(item.price, options);
    if (item.name === l.name && unitPrice === l.unitPrice && options.every((o, i) => o === l.options[i]))
      return l;
    changed = true;
    return { ...l, name: item.name, unitPrice, options };
  });
  return changed ? { ...cart, lines } : cart;
}

/**
 * Whether a line can be ordered by the current menu: its dish and every chosen option still offered
 * ('deleted' otherwise, also when its choices no longer fit a group's limits) and none sold out.
 */
export function lineAvailability(line: CartLine, item: AddableItem | undefined): Availability {
  if (!item) return 'deleted';
  const found = line.options.map((o) => menuOption(item, o.id));
  if (found.some((f) => !f)) return 'deleted';
  for (const g of item.optionGroups ?? []) {
    const chosen = found.filter((f) => f?.group.id === g.id).length;
    if (chosen < g.minSelect || chosen > g.maxSelect) return 'deleted';
  }
  if (item.soldOut || found.some((f) => f?.option.soldOut)) return 'sold_out';
  return 'available';
}

/** Sum of the lines' prices; lines `counts` refuses (not orderable now) are left out. */
export function cartTotal(cart: Cart, counts: (line: CartLine) => boolean = () => true): number {
  return cart.lines.reduce((sum, l) => (counts(l) ? sum + l.unitPrice * l.quantity : sum), 0);
}

/** Number of dishes in the cart (quantities added up), for the cart badge. */
export function cartCount(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}

/** The order request body of a cart. */
export function toOrderBody(cart: Cart): {
  items: { menuItemId: number; quantity: number; optionIds?: number[] }[];
  note?: string;
} {
  const note = cart.note.trim();
  return {
    items: cart.lines.map((l) => ({
      menuItemId: l.menuItemId,
      quantity: l.quantity,
      ...(l.options.length > 0 ? { optionIds: l.options.map((o) => o.id) } : {}),
    })),
    ...(note ? { note } : {}),
  };
}
