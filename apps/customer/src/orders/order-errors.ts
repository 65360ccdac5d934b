import type { Messages } from '../shared/i18n/ko';
import { lineKey, type CartLine } from '../cart';
import { ApiError, NetworkError } from '../shared/api/errors';
import { isRecord } from '../shared/storage';

/** A cart line the server refused, with why. */
export interface UnavailableLine {
  /** The line's `lineKey`. */
  key: string;
  /** The dish, with the refused option when it is one ("떡볶이 (떡사리)"). */
  name: string;
  reason: 'sold_out' | 'deleted' | 'options';
}

/** What went wrong with an order, in the guest's words, and what they can do about it. */
export interface OrderFailure {
  message: string;
  /** Lines the server refused (sold out, gone, options no longer valid): offer to take them out. */
  unavailable: UnavailableLine[];
  /** Whether sending the same submission again can help (no answer, server busy). */
  retryable: boolean;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * The refused lines named by the error's details. `lines` are the cart's lines as they were sent (the
 * order body lists them in this order, so a detail's `line` index points into it).
 */
function unavailableLines(err: ApiError, lines: readonly CartLine[]): UnavailableLine[] {
  const out: UnavailableLine[] = [];
  const push = (line: CartLine, name: string, reason: UnavailableLine['reason']) => {
    const key = lineKey(line);
    if (!out.some((u) => u.key === key)) out.push({ key, name, reason });
  };
  for (const d of err.details) {
    if (!isRecord(d)) continue;
    const menuItemId = num(d.menuItemId);
    if (err.code === 'invalid_options') {
      const index = num(d.line);
      const line = index === undefined ? undefined : lines[index];
      if (line) push(line, line.name, 'options');
      continue;
    }
    for (const line of lines) {
      if (line.menuItemId !== menuItemId) continue;
      const name = str(d.name) ?? line.name;
      if (err.code === 'options_unavailable') {
        const optionId = num(d.optionId);
        if (line.options.some((o) => o.id === optionId))
          push(line, `${name} (${str(d.optionName) ?? ''})`, 'sold_out');
      } else {
        push(line, name, d.reason === 'sold_out' ? 'sold_out' : 'deleted');
      }
    }
  }
  return out;
}

const REFUSED_LINES: readonly string[] = [
  'menu_items_unavailable',
  'unknown_menu_item',
  'options_unavailable',
  'invalid_options',
];

/** Maps a failed order request to a message; sold-out and removed dishes and options are named. */
export function describeOrderFailure(err: unknown, t: Messages, lines: readonly CartLine[]): OrderFailure {
  if (err instanceof ApiError) {
    // 409: a dish or option sold out or deleted since it was added; 422 unknown_menu_item: not on this
    // store's menu at all; 422 invalid_options: the dish's option groups changed since it was added.
    if (REFUSED_LINES.includes(err.code)) {
      const unavailable = unavailableLines(err, lines);
      const reasonText = {
        sold_out: t.unavailableSoldOut,
        deleted: t.unavailableDeleted,
        options: t.unavailableOptions,
      };
      const names = unavailable.map((u) => `${u.name}(${reasonText[u.reason]})`).join(', ');
      return { message: t.orderFailedUnavailable(names), unavailable, retryable: false };
    }
    const retryable = err.status >= 500 || err.status === 429 || err.status === 408;
    return { message: retryable ? t.orderFailedNetwork : t.orderFailedOther, unavailable: [], retryable };
  }
  if (err instanceof NetworkError) return { message: t.orderFailedNetwork, unavailable: [], retryable: true };
  return { message: t.orderFailedOther, unavailable: [], retryable: true };
}
