// The cart's rules as pure functions (no React, no storage), so they are easy to test and reuse.
import { ORDER_LINES_MAX, ORDER_NOTE_MAX, ORDER_QUANTITY_MAX } from '@table-order/contracts/constants';

export interface CartLine {
  menuItemId: number;
  name: string;
  /** Price when added; refreshed from the menu (the server prices the order anyway). */
  unitPrice: number;
  quantity: number;
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

export const emptyCart: Cart = { lines: [], note: '', submissionKey: null };

export interface AddableItem {
  id: number;
  name: string;
  price: number;
}

const clampQuantity = (q: number) => Math.min(ORDER_QUANTITY_MAX, Math.max(1, Math.trunc(q)));

/** Adds `quantity` of an item: raises the line's quantity if it is already in the cart. */
export function addItem(cart: Cart, item: AddableItem, quantity = 1): CartChange {
  const existing = cart.lines.find((l) => l.menuItemId === item.id);
  if (existing) {
    const wanted = existing.quantity + quantity;
    const next = clampQuantity(wanted);
    const lines = cart.lines.map((l) =>
      l.menuItemId === item.id ? { ...l, name: item.name, unitPrice: item.price, quantity: next } : l,
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
    unitPrice: item.price,
    quantity: clampQuantity(quantity),
  };
  return {
    cart: { ...cart, lines: [...cart.lines, line], submissionKey: null },
    ...(quantity > ORDER_QUANTITY_MAX ? { problem: 'quantity_limit' as const } : {}),
  };
}

/** Sets a line's quantity within 1–99 (use removeLine to take it out). */
export function setQuantity(cart: Cart, menuItemId: number, quantity: number): CartChange {
  const line = cart.lines.find((l) => l.menuItemId === menuItemId);
  if (!line) return { cart };
  const next = clampQuantity(quantity);
  const problem = quantity > ORDER_QUANTITY_MAX ? { problem: 'quantity_limit' as const } : {};
  if (next === line.quantity) return { cart, ...problem };
  return {
    cart: {
      ...cart,
      lines: cart.lines.map((l) => (l.menuItemId === menuItemId ? { ...l, quantity: next } : l)),
      submissionKey: null,
    },
    ...problem,
  };
}

/** + or − on a line (never below 1, never above 99). */
export function changeQuantity(cart: Cart, menuItemId: number, delta: number): CartChange {
  const line = cart.lines.find((l) => l.menuItemId === menuItemId);
  return line ? setQuantity(cart, menuItemId, line.quantity + delta) : { cart };
}

/** Takes a line out of the cart. */
export function removeLine(cart: Cart, menuItemId: number): Cart {
  if (!cart.lines.some((l) => l.menuItemId === menuItemId)) return cart;
  return { ...cart, lines: cart.lines.filter((l) => l.menuItemId !== menuItemId), submissionKey: null };
}

/** Takes several lines out (e.g. the sold-out ones an order was refused for). */
export function removeLines(cart: Cart, menuItemIds: readonly number[]): Cart {
  const ids = new Set(menuItemIds);
  if (!cart.lines.some((l) => ids.has(l.menuItemId))) return cart;
  return { ...cart, lines: cart.lines.filter((l) => !ids.has(l.menuItemId)), submissionKey: null };
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

/** Refreshes names and prices from the menu; the lines themselves stay (availability is shown). */
export function syncWithMenu(cart: Cart, items: ReadonlyMap<number, AddableItem>): Cart {
  let changed = false;
  const lines = cart.lines.map((l) => {
    const item = items.get(l.menuItemId);
    if (!item || (item.name === l.name && item.price === l.unitPrice)) return l;
    changed = true;
    return { ...l, name: item.name, unitPrice: item.price };
  });
  return changed ? { ...cart, lines } : cart;
}

/** Sum of the lines' prices. */
export function cartTotal(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.unitPrice * l.quantity, 0);
}

/** Number of dishes in the cart (quantities added up), for the cart badge. */
export function cartCount(cart: Cart): number {
  return cart.lines.reduce((sum, l) => sum + l.quantity, 0);
}

/** The order request body of a cart. */
export function toOrderBody(cart: Cart): {
  items: { menuItemId: number; quantity: number }[];
  note?: string;
} {
  const note = cart.note.trim();
  return {
    items: cart.lines.map((l) => ({ menuItemId: l.menuItemId, quantity: l.quantity })),
    ...(note ? { note } : {}),
  };
}
