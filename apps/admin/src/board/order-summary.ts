import type { Order } from '@table-order/contracts';
import { lineLabel } from '../shared/format';
import type { Translate } from '../shared/i18n';

/** "떡볶이(아주 매운맛) ×2 외 1": the first line, with its options, and how many more. */
export function orderSummary(order: Order, t: Translate): string {
  const [first, ...rest] = order.items;
  if (!first) return '';
  const head = lineLabel(first);
  return rest.length === 0 ? head : t('order.summaryMore', { first: head, n: rest.length });
}

/** Every line with its options: "떡볶이(아주 매운맛, 치즈) ×2, 공기밥 ×2" (the card clamps it to two lines). */
export function orderLines(order: Order): string {
  return order.items.map(lineLabel).join(', ');
}
