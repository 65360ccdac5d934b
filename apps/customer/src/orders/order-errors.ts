import type { Messages } from '../shared/i18n/ko';
import { ApiError, NetworkError } from '../shared/api/errors';
import { isRecord } from '../shared/storage';

export interface UnavailableItem {
  menuItemId: number;
  name: string;
  reason: 'sold_out' | 'deleted';
}

/** What went wrong with an order, in the guest's words, and what they can do about it. */
export interface OrderFailure {
  message: string;
  /** Items the server refused (sold out or gone): offer to take them out of the cart. */
  unavailable: UnavailableItem[];
  /** Whether sending the same submission again can help (no answer, server busy). */
  retryable: boolean;
}

function unavailableItems(err: ApiError, cartNames: ReadonlyMap<number, string>): UnavailableItem[] {
  const out: UnavailableItem[] = [];
  for (const d of err.details) {
    if (!isRecord(d) || typeof d.menuItemId !== 'number') continue;
    const name = typeof d.name === 'string' ? d.name : (cartNames.get(d.menuItemId) ?? String(d.menuItemId));
    out.push({ menuItemId: d.menuItemId, name, reason: d.reason === 'sold_out' ? 'sold_out' : 'deleted' });
  }
  return out;
}

/** Maps a failed order request to a message; sold-out and removed dishes are named. */
export function describeOrderFailure(
  err: unknown,
  t: Messages,
  cartNames: ReadonlyMap<number, string>,
): OrderFailure {
  if (err instanceof ApiError) {
    // 409: sold out or deleted since it was added; 422 unknown_menu_item: not on this store's menu at all.
    if (err.code === 'menu_items_unavailable' || err.code === 'unknown_menu_item') {
      const unavailable = unavailableItems(err, cartNames);
      const names = unavailable
        .map((u) => `${u.name}(${u.reason === 'sold_out' ? t.unavailableSoldOut : t.unavailableDeleted})`)
        .join(', ');
      return { message: t.orderFailedUnavailable(names), unavailable, retryable: false };
    }
    const retryable = err.status >= 500 || err.status === 429 || err.status === 408;
    return { message: retryable ? t.orderFailedNetwork : t.orderFailedOther, unavailable: [], retryable };
  }
  if (err instanceof NetworkError) return { message: t.orderFailedNetwork, unavailable: [], retryable: true };
  return { message: t.orderFailedOther, unavailable: [], retryable: true };
}
