import { useSession } from '../auth';
import { errorMessage } from '../shared/api';
import { formatMoney, formatTime, shortOrderNumber } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { Modal } from '../shared/ui';
import { useTableOrders } from './api/get-table-orders';
import { orderSummary } from './order-summary';

/** Every order of a table's open session (the card shows only the latest few). */
export function TableOrdersDialog({
  tableId,
  tableNumber,
  onOpenOrder,
  onClose,
}: {
  tableId: number;
  tableNumber: number;
  onOpenOrder: (orderId: number) => void;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { store } = useSession();
  const query = useTableOrders(tableId);
  const orders = query.data?.orders ?? [];
  return (
    <Modal variant="drawer" title={t('table.ordersTitle', { n: tableNumber })} onClose={onClose}>
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.isSuccess && orders.length === 0 && <p className="empty">{t('table.ordersEmpty')}</p>}
      <ul className="order-list">
        {orders.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className={`order-row order-row--${o.status}`}
              aria-label={t('order.rowLabel', {
                no: shortOrderNumber(o.orderNumber),
                items: orderSummary(o, t),
                time: formatTime(o.createdAt, store.timeZone),
                status: t(`status.${o.status}`),
              })}
              onClick={() => {
                onOpenOrder(o.id);
              }}
            >
              <span className="order-row__no">#{shortOrderNumber(o.orderNumber)}</span>
              <span className="order-row__items">{orderSummary(o, t)}</span>
              <span className="order-row__amount">{formatMoney(o.totalAmount, lang)}</span>
              <span className="order-row__time">{formatTime(o.createdAt, store.timeZone)}</span>
              <span className={`chip chip--${o.status}`}>{t(`status.${o.status}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </Modal>
  );
}
