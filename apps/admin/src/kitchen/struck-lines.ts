/**
 * Lines the cook has struck through, kept on this device across reloads: one localStorage entry per
 * store holding `orderId:lineIndex` keys (ids only, nothing secret). Storage that refuses (private mode,
 * full) only loses the marks.
 */
const keyOf = (store: string) => `table-order.kitchen.struck.${store}`;

export const lineKey = (orderId: number, line: number) => `${orderId}:${line}`;

export function loadStruck(store: string): Set<string> {
  try {
    const raw = localStorage.getItem(keyOf(store));
    const v: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}

export function saveStruck(store: string, struck: Set<string>): void {
  try {
    if (struck.size === 0) localStorage.removeItem(keyOf(store));
    else localStorage.setItem(keyOf(store), JSON.stringify([...struck]));
  } catch {
    // the marks last for this page only
  }
}

/** Only the marks of orders still shown (after a snapshot: finished orders' marks are dropped). */
export function keepOrders(struck: Set<string>, orderIds: Iterable<number>): Set<string> {
  const ids = new Set([...orderIds].map(String));
  return new Set([...struck].filter((k) => ids.has(k.split(':')[0] ?? '')));
}

/** Drops one order's marks (e.g. its lines were amended). */
export function forget(struck: Set<string>, orderId: number): Set<string> {
  return new Set([...struck].filter((k) => !k.startsWith(`${orderId}:`)));
}
