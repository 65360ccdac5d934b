import type { Order, OrderStatus } from '@table-order/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../auth';
import { ApiError, errorMessage } from '../shared/api';
import { formatDateTime, formatMoney, formatTime, shortOrderNumber } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, Modal, useToast } from '../shared/ui';
import { deleteOrder } from './api/delete-order';
import { orderKey, useOrder } from './api/get-order';
import { updateOrderStatus } from './api/update-order-status';
import { useLiveBoard } from './live-board';
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

/** Order detail in a side drawer: lines, note, time, total, status buttons and a quiet delete. */
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
  const queryClient = useQueryClient();
  const { apply, refresh } = useLiveBoard();
  const query = useOrder(orderId, initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const order = query.data;
  const no = order ? shortOrderNumber(order.orderNumber) : '';

  async function handleMove(to: OrderStatus) {
    if (!order) return;
    setBusy(true);
    setError(null);
    try {
      const updated = await updateOrderStatus(order.id, to);
      queryClient.setQueryData(orderKey(order.id), updated);
      apply({
        type: 'order.updated',
        payload: { orderId: order.id, tableId: order.tableId, status: updated.status },
      });
      notify(t('status.changed', { no, status: t(`status.${updated.status}`) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setError(t('status.backward'));
        void query.refetch();
        void refresh();
      } else setError(errorMessage(err, t));
    } finally {
      setBusy(false);
    }
  }

  async function handleDelete() {
    if (!order) return;
    const { tableTotal } = await deleteOrder(order.id);
    apply({ type: 'order.deleted', payload: { orderId: order.id, tableId: order.tableId, tableTotal } });
    queryClient.removeQueries({ queryKey: orderKey(order.id) });
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
                    <span className="lines__unit">{formatMoney(line.unitPrice, lang)}</span>
                  </td>
                  <td className="num lines__qty">×{line.quantity}</td>
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
          {error && (
            <p className="notice notice--error" role="alert">
              {error}
            </p>
          )}
          <StatusActions status={order.status} busy={busy} onMove={(s) => void handleMove(s)} />
          <div className="order-detail__danger">
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
