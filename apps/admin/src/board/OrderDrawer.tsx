import type { Order, OrderStatus } from '@table-order/contracts';
import { useState } from 'react';
import { useSession } from '../auth';
import { useReprintOrder } from '../printers';
import { ApiError, errorMessage } from '../shared/api';
import {
  formatDateTime,
  formatMoney,
  formatPriceDelta,
  formatTime,
  shortOrderNumber,
} from '../shared/format';
import { useI18n } from '../shared/i18n';
import { AuditTrail, ConfirmDialog, Modal, useToast } from '../shared/ui';
import { useDeleteOrder } from './api/delete-order';
import { useOrder } from './api/get-order';
import { useUpdateOrderStatus } from './api/update-order-status';
import { CancelLinesDialog } from './CancelLinesDialog';
import { allowedMoves, primaryMove } from './order-status';

/** The status buttons: the next status as the big button, a skip to `completed` beside it. */
export function StatusActions({
  status,
  busy,
  onMove,
}: {
  status: OrderStatus;
  busy: boolean;
  onMove: (to: OrderStatus) => void;
}) {
  const { t } = useI18n();
  const primary = primaryMove(status);
  if (!primary) return <p className="status-done">{t('status.final')}</p>;
  const others = allowedMoves(status).filter((s) => s !== primary);
  return (
    <div className="status-actions">
      <button
        type="button"
        className="btn btn--primary btn--xl"
        disabled={busy}
        onClick={() => {
          onMove(primary);
        }}
      >
        {t(`status.to.${primary}` as 'status.to.preparing')}
      </button>
      {others.map((s) => (
        <button
          key={s}
          type="button"
          className="btn btn--lg"
          disabled={busy}
          onClick={() => {
            onMove(s);
          }}
        >
          {t(`status.skipTo.${s}` as 'status.skipTo.completed')}
        </button>
      ))}
    </div>
  );
}

/**
 * Order detail in a side drawer: lines, note, time, total, who did what ("kim이 완료 처리 · 19:42"), status
 * buttons and a quiet delete.
 */
export function OrderDrawer({
  orderId,
  initial,
  onClose,
}: {
  orderId: number;
  initial: Order | undefined;
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const { store } = useSession();
  const notify = useToast();
  const query = useOrder(orderId, initial);
  const updateStatus = useUpdateOrderStatus();
  const remove = useDeleteOrder();
  const reprint = useReprintOrder();
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [cancelLines, setCancelLines] = useState(false);
  const order = query.data;
  const no = order ? shortOrderNumber(order.orderNumber) : '';

  async function handleMove(to: OrderStatus) {
    if (!order) return;
    setError(null);
    try {
      const updated = await updateStatus.mutateAsync({ order, status: to });
      notify(t('status.changed', { no, status: t(`status.${updated.status}`) }));
    } catch (err) {
      setError(err instanceof ApiError && err.status === 409 ? t('status.backward') : errorMessage(err, t));
    }
  }

  async function handleReprint() {
    if (!order) return;
    setError(null);
    try {
      await reprint.mutateAsync(order.id);
      notify(t('printers.reprinted', { no }));
    } catch (err) {
      setError(
        err instanceof ApiError && err.code === 'no_printer' ? t('printers.noPrinter') : errorMessage(err, t),
      );
    }
  }

  async function handleDelete() {
    if (!order) return;
    const { tableTotal } = await remove.mutateAsync(order);
    notify(t('order.deleted', { no, table: order.tableNumber, total: formatMoney(tableTotal, lang) }));
    onClose();
  }

  const gone = query.error instanceof ApiError && query.error.status === 404;

  return (
    <Modal
      variant="drawer"
      title={order ? t('order.title', { no }) : t('common.working')}
      label={order ? t('order.dialogLabel', { no }) : undefined}
      onClose={onClose}
    >
      {gone && (
        <p className="notice notice--warn" role="alert">
          {t('order.gone')}
        </p>
      )}
      {!gone && query.error && !order && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {order && !gone && (
        <div className="order-detail">
          <div className="order-detail__head">
            <span className="order-detail__table">{t('table.name', { n: order.tableNumber })}</span>
            <span className={`chip chip--lg chip--${order.status}`}>{t(`status.${order.status}`)}</span>
          </div>
          <dl className="order-detail__facts">
            <div>
              <dt>{t('order.time')}</dt>
              <dd>
                <time dateTime={order.createdAt} title={formatDateTime(order.createdAt, store.timeZone)}>
                  {formatTime(order.createdAt, store.timeZone)}
                </time>
              </dd>
            </div>
            <div>
              <dt>{t('order.number')}</dt>
              <dd>{order.orderNumber}</dd>
            </div>
          </dl>
          <table className="lines">
            <caption className="sr-only">{t('order.lines')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('order.menu')}</th>
                <th scope="col" className="num">
                  {t('order.qty')}
                </th>
                <th scope="col" className="num">
                  {t('order.subtotal')}
                </th>
              </tr>
            </thead>
            <tbody>
              {order.items.map((line, i) => (
                <tr key={`${line.menuItemId}-${i}`}>
                  <td>
                    <span className="lines__name">{line.name}</span>
                    {line.options && line.options.length > 0 && (
                      <ul className="lines__options" aria-label={t('order.options')}>
                        {line.options.map((o, j) => (
                          <li key={j}>
                            <span className="lines__option-group">{o.groupName}</span> {o.name}
                            {o.priceDelta !== 0 && ` (${formatPriceDelta(o.priceDelta, lang)})`}
                          </li>
                        ))}
                      </ul>
                    )}
                    <span className="lines__unit">{formatMoney(line.unitPrice, lang)}</span>
                  </td>
                  <td className="num lines__qty">
                    ×{line.quantity}
                    {(line.cancelledQuantity ?? 0) > 0 && (
                      <del
                        className="lines__cancelled"
                        title={t('tableOps.cancelledQty', { n: line.cancelledQuantity ?? 0 })}
                      >
                        {t('tableOps.cancelledQty', { n: line.cancelledQuantity ?? 0 })}
                      </del>
                    )}
                  </td>
                  <td className="num">{formatMoney(line.subtotal, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('order.total')}
                </th>
                <td className="num lines__total">{formatMoney(order.totalAmount, lang)}</td>
              </tr>
            </tfoot>
          </table>
          {order.note && (
            <section className="note" aria-label={t('order.note')}>
              <h3>{t('order.note')}</h3>
              <p>{order.note}</p>
            </section>
          )}
          <AuditTrail audit={order.audit} tableNumber={order.tableNumber} timeZone={store.timeZone} />
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <StatusActions
            status={order.status}
            busy={updateStatus.isPending}
            onMove={(s) => void handleMove(s)}
          />
          <div className="order-detail__danger">
            <button
              type="button"
              className="btn"
              aria-label={t('printers.reprintLabel', { no })}
              disabled={reprint.isPending}
              onClick={() => void handleReprint()}
            >
              {t('printers.reprint')}
            </button>
            {order.items.some((l) => l.id !== undefined) && (
              <button
                type="button"
                className="btn"
                aria-label={t('tableOps.cancelLabel', { no })}
                onClick={() => {
                  setCancelLines(true);
                }}
              >
                {t('tableOps.cancel')}
              </button>
            )}
            <button
              type="button"
              className="btn btn--quiet-danger"
              onClick={() => {
                setConfirmDelete(true);
              }}
            >
              {t('order.delete')}
            </button>
          </div>
        </div>
      )}
      {cancelLines && order && (
        <CancelLinesDialog
          order={order}
          onClose={() => {
            setCancelLines(false);
          }}
        />
      )}
      {confirmDelete && order && (
        <ConfirmDialog
          title={t('order.deleteTitle')}
          message={t('order.deleteConfirm', {
            table: order.tableNumber,
            no,
            total: formatMoney(order.totalAmount, lang),
          })}
          detail={t('order.deleteDetail')}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={handleDelete}
          onClose={() => {
            setConfirmDelete(false);
          }}
        />
      )}
    </Modal>
  );
}
