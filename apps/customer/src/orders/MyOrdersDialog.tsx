import type { Order } from '@table-order/contracts';
import { useSessionInfo } from '../shared/api/session-context';
import { formatTime, orderSequence } from '../shared/format';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { ReceiptIcon } from '../shared/ui/icons';
import { LineOptions } from '../shared/ui/LineOptions';
import { useOrders } from './get-orders';
import { EntryLines, useOutbox } from './outbox-context';
import type { OutboxEntry } from './outbox';
import { StatusChip } from './StatusChip';

/**
 * The session's orders, newest first, with live status chips. Lines keep the Korean name the order
 * snapshotted; `nameOf` gives a dish's name in the tablet's current language while it is on the menu.
 */
export function MyOrdersDialog({
  onClose,
  nameOf,
}: {
  onClose: () => void;
  nameOf?: ((menuItemId: number) => string | undefined) | undefined;
}) {
  const { t } = useI18n();
  const orders = useOrders();
  const list = orders.data?.orders ?? [];
  // Orders waiting in the outbox come first (newest first, like the list): they are the latest.
  const queued = [...(useOutbox()?.entries ?? [])].reverse();
  const total = list.reduce((s, o) => s + o.totalAmount, 0);
  const waiting = queued.length > 0 && (
    <>
      <p className="orders-queued-hint" role="status">
        {t.outboxPendingHint}
      </p>
      <ol className="orders-list orders-list--queued">
        {queued.map((entry) => (
          <QueuedCard key={entry.key} entry={entry} />
        ))}
      </ol>
    </>
  );
  return (
    <Dialog title={t.myOrdersTitle} onClose={onClose} variant="sheet" className="orders-dialog">
      {orders.isPending && !waiting ? (
        <div className="orders-skeleton" aria-hidden="true">
          <span className="skeleton skeleton--block" />
          <span className="skeleton skeleton--block" />
        </div>
      ) : orders.isError && list.length === 0 && !waiting ? (
        <div className="empty-state" role="alert">
          <p>{t.ordersLoadError}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              void orders.refetch();
            }}
          >
            {t.retry}
          </button>
        </div>
      ) : list.length === 0 && !waiting ? (
        <div className="empty-state">
          <span className="empty-state__icon">
            <ReceiptIcon />
          </span>
          <p className="empty-state__title">{t.noOrders}</p>
          <p className="empty-state__hint">{t.noOrdersHint}</p>
        </div>
      ) : (
        <>
          {list.length > 0 && (
            <p className="orders-total">
              <span>{t.sessionTotal}</span>
              <strong>{t.money(total)}</strong>
            </p>
          )}
          {waiting}
          {list.length > 0 && (
            <ol className="orders-list">
              {list.map((order) => (
                <OrderCard key={order.id} order={order} nameOf={nameOf} />
              ))}
            </ol>
          )}
        </>
      )}
    </Dialog>
  );
}

function OrderCard({
  order,
  nameOf,
}: {
  order: Order;
  nameOf?: ((menuItemId: number) => string | undefined) | undefined;
}) {
  const { t } = useI18n();
  const info = useSessionInfo();
  const seq = orderSequence(order.orderNumber);
  return (
    <li className="order-card" aria-label={t.orderTitle(order.orderNumber)} data-status={order.status}>
      <div className="order-card__head">
        <span className="order-card__seq">#{seq}</span>
        <span className="order-card__meta">
          <span>{t.orderedAt(formatTime(order.createdAt, info?.store.timeZone))}</span>
          <span className="order-card__number">{order.orderNumber}</span>
        </span>
        <StatusChip status={order.status} />
      </div>
      <ul className="order-card__lines">
        {order.items.map((line, i) => (
          // The same dish can be on two lines (other options): the position is the line's identity.
          <li key={i} className="order-card__line">
            <span>
              {nameOf?.(line.menuItemId) ?? line.name}{' '}
              <span className="order-card__qty">× {line.quantity}</span>
              <LineOptions options={line.options} />
            </span>
            <span>{t.money(line.subtotal)}</span>
          </li>
        ))}
      </ul>
      {order.note && <p className="order-card__note">{order.note}</p>}
      {order.amended && <p className="order-card__amended">{t.orderAmended}</p>}
      <div className="order-card__total">
        <span>{t.total}</span>
        <strong>{t.money(order.totalAmount)}</strong>
      </div>
    </li>
  );
}

/** An order waiting in the outbox: "전송 대기 중", its lines and amount as the guest confirmed them. */
function QueuedCard({ entry }: { entry: OutboxEntry }) {
  const { t } = useI18n();
  const info = useSessionInfo();
  return (
    <li className="order-card order-card--queued" aria-label={t.outboxPending} data-status="queued">
      <div className="order-card__head">
        <span className="order-card__meta">
          <span>
            {t.orderedAt(formatTime(new Date(entry.createdAt).toISOString(), info?.store.timeZone))}
          </span>
        </span>
        <span className="chip chip--queued" data-status="queued">
          {t.outboxPending}
        </span>
      </div>
      <EntryLines entry={entry} />
    </li>
  );
}
