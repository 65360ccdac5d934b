import { isRecord, KEY_PREFIX, readJson, removeKey, writeJson } from '../shared/storage';
import {
  IDEMPOTENCY_KEY_RE,
  ORDER_LINES_MAX,
  ORDER_NOTE_MAX,
  ORDER_QUANTITY_MAX,
} from '@table-order/contracts/constants';
import { emptyCart, lineKey, type Cart, type CartLine, type CartLineOption } from './cart';

/** Each store+table keeps its own cart, so a tablet moved to another table starts empty. */
export function cartKey(storeIdentifier: string, tableNumber: number): string {
  return `${KEY_PREFIX}cart:${storeIdentifier}:${tableNumber}`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function toOption(v: unknown): CartLineOption | undefined {
  if (!isRecord(v)) return undefined;
  const { id, groupName, name, priceDelta } = v;
  if (
    !isInt(id) ||
    id <= 0 ||
    typeof groupName !== 'string' ||
    typeof name !== 'string' ||
    !isInt(priceDelta)
  )
    return undefined;
  return { id, groupName, name, priceDelta };
}

/** A line's options; a cart saved before options existed has none. Any malformed option drops the line. */
function toOptions(v: unknown): CartLineOption[] | undefined {
  if (v === undefined) return [];
  if (!Array.isArray(v)) return undefined;
  const options = v.map(toOption);
  return options.every((o) => o !== undefined) ? options : undefined;
}

function toLine(v: unknown): CartLine | undefined {
  if (!isRecord(v)) return undefined;
  const { menuItemId, name, unitPrice, quantity } = v;
  const options = toOptions(v.options);
  if (!options) return undefined;
  if (typeof menuItemId !== 'number' || !Number.isInteger(menuItemId) || menuItemId <= 0) return undefined;
  if (typeof name !== 'string') return undefined;
  if (typeof unitPrice !== 'number' || !Number.isInteger(unitPrice) || unitPrice < 0) return undefined;
  if (
    typeof quantity !== 'number' ||
    !Number.isInteger(quantity) ||
    quantity < 1 ||
    quantity > ORDER_QUANTITY_MAX
  ) {
    return undefined;
  }
  return { menuItemId, name, unitPrice, quantity, options };
}

/**
 * The saved cart of a store+table. Anything unreadable (no storage, corrupt JSON, a foreign shape) gives
 * an empty cart rather than an error; malformed lines are dropped one by one.
 */
export function loadCart(storeIdentifier: string, tableNumber: number, storage?: Storage): Cart {
  const v = readJson(cartKey(storeIdentifier, tableNumber), storage);
  if (!isRecord(v) || !Array.isArray(v.lines)) return emptyCart;
  const lines: CartLine[] = [];
  for (const raw of v.lines) {
    const line = toLine(raw);
    if (line && !lines.some((l) => lineKey(l) === lineKey(line))) lines.push(line);
    if (lines.length === ORDER_LINES_MAX) break;
  }
  const note = typeof v.note === 'string' ? v.note.slice(0, ORDER_NOTE_MAX) : '';
  const key = v.submissionKey;
  const submissionKey = typeof key === 'string' && IDEMPOTENCY_KEY_RE.test(key) ? key : null;
  return { lines, note, submissionKey };
}

/** Saves the cart (an empty one is removed); false when the storage refused it. */
export function saveCart(
  storeIdentifier: string,
  tableNumber: number,
  cart: Cart,
  storage?: Storage,
): boolean {
  const key = cartKey(storeIdentifier, tableNumber);
  if (cart.lines.length === 0 && cart.note === '' && cart.submissionKey === null) {
    removeKey(key, storage);
    return true;
  }
  return writeJson(key, cart, storage);
}
