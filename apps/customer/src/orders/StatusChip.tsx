import type { OrderStatus } from '@table-order/contracts';
import { useI18n } from '../shared/i18n/i18n';

/** 대기중 (neutral), 준비중 (amber), 완료 (green). */
export function StatusChip({ status }: { status: OrderStatus }) {
  const { t } = useI18n();
  return (
    <span className={`chip chip--${status}`} data-status={status}>
      {t.status[status]}
    </span>
  );
}
