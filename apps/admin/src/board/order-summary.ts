import type { Order } from '@table-order/contracts';
import type { Translate } from '../shared/i18n';

/** "김치찌개 ×2 외 1": the first line and how many more. */
export function orderSummary(order: Order, t: Translate): string {
  const [first, ...rest] = order.items;
  if (!first) return '';
  const head = `${first.name} ×${first.quantity}`;
  return rest.length === 0 ? head : t('order.summaryMore', { first: head, n: rest.length });
}

/** Every line: "불고기 ×2, 공기밥 ×2, 맥주 ×2" (the card clamps it to two lines). */
export function orderLines(order: Order): string {
  return order.items.map((l) => `${l.name} ×${l.quantity}`).join(', ');
}
