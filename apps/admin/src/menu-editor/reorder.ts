/** A copy of `list` with the element at `from` moved to index `to`. */
export function move<T>(list: readonly T[], from: number, to: number): T[] {
  const out = list.slice();
  if (from < 0 || from >= out.length || to < 0 || to >= out.length || from === to) return out;
  const [item] = out.splice(from, 1);
  if (item !== undefined) out.splice(to, 0, item);
  return out;
}

/**
 * Keeps keyboard focus on a moved row: when its move button went disabled (the row reached the first or
 * last place), the row's other move button takes the focus instead of the page.
 */
export function keepMoverFocus(key: string): void {
  const active = document.activeElement;
  const movers = [...document.querySelectorAll<HTMLButtonElement>(`[data-mover="${key}"]`)];
  if (active instanceof HTMLButtonElement && movers.includes(active) && !active.disabled) return;
  movers.find((b) => !b.disabled)?.focus();
}
