import type { Order } from '@table-order/contracts';
import { ORDER_LINES_MAX } from '@table-order/contracts/constants';
import { useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { formatMoney, shortOrderNumber } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, Modal, useToast } from '../shared/ui';
import { useCancelLines } from './api/table-ops';

/**
 * Partial cancel of an order (SPEC 12): −/+ per line choose how many to cancel, then a confirmation that
 * names the items and the amount taken off the table total. Cancelling every item is the order delete.
 */
export function CancelLinesDialog({ order, onClose }: { order: Order; onClose: () => void }) {
  const { t, lang } = useI18n();
  const notify = useToast();
  const cancel = useCancelLines();
  const [counts, setCounts] = useState<Record<number, number>>({});
  const [confirming, setConfirming] = useState(false);
  const no = shortOrderNumber(order.orderNumber);
  const lines = order.items.filter((l) => l.id !== undefined).slice(0, ORDER_LINES_MAX);
  const countOf = (id: number | undefined) => (id === undefined ? 0 : (counts[id] ?? 0));
  const chosen = lines.filter((l) => countOf(l.id) > 0);
  const amount = chosen.reduce((sum, l) => sum + l.unitPrice * countOf(l.id), 0);
  const everything = lines.every((l) => countOf(l.id) === l.quantity);
  const items = chosen.map((l) => `${l.name} ${countOf(l.id)}`).join(', ');

  const set = (id: number, n: number) => {
    setCounts((c) => ({ ...c, [id]: n }));
  };

  async function submit() {
    const result = await cancel.mutateAsync({
      orderId: order.id,
      lines: chosen.map((l) => ({ lineId: l.id ?? 0, quantity: countOf(l.id) })),
    });
    notify(
      t('tableOps.cancelled', {
        no,
        amount: formatMoney(amount, lang),
        table: result.order.tableNumber,
        total: formatMoney(result.tableTotal, lang),
      }),
    );
    onClose();
  }

  return (
    <Modal
      title={t('tableOps.cancelTitle', { no })}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn--danger btn--lg"
            disabled={chosen.length === 0 || everything}
            onClick={() => {
              setConfirming(true);
            }}
          >
            {t('tableOps.submitCancel')}
          </button>
        </>
      }
    >
      <p className="muted">{t('tableOps.cancelHint')}</p>
      <ul className="cancel-lines">
        {lines.map((l) => {
          const id = l.id ?? 0;
          const n = countOf(id);
          return (
            <li key={id} className="cancel-lines__line">
              <span className="cancel-lines__name">
                {l.name} <span className="muted">×{l.quantity}</span>
                {n > 0 && <span className="muted"> · {t('tableOps.remaining', { n: l.quantity - n })}</span>}
              </span>
              <span className="stepper" role="group" aria-label={t('tableOps.cancelCount', { name: l.name })}>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('tableOps.less', { name: l.name })}
                  disabled={n === 0}
                  onClick={() => {
                    set(id, n - 1);
                  }}
                >
                  −
                </button>
                <output className="stepper__value" aria-live="polite">
                  {n}
                </output>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('tableOps.more', { name: l.name })}
                  disabled={n >= l.quantity}
                  onClick={() => {
                    set(id, n + 1);
                  }}
                >
                  +
                </button>
              </span>
            </li>
          );
        })}
      </ul>
      {everything && (
        <p className="notice notice--warn" role="status">
          {t('tableOps.cancelAll')}
        </p>
      )}
      {chosen.length > 0 && !everything && (
        <p className="cancel-lines__summary" role="status">
          {t('tableOps.cancelSummary', { items, amount: formatMoney(amount, lang) })}
        </p>
      )}
      {confirming && (
        <ConfirmDialog
          title={t('tableOps.cancelTitle', { no })}
          message={t('tableOps.cancelSummary', { items, amount: formatMoney(amount, lang) })}
          confirmLabel={t('tableOps.submitCancel')}
          danger
          onConfirm={submit}
          describeError={(err) =>
            err instanceof ApiError && err.code === 'session_closed'
              ? t('tableOps.sessionClosed')
              : err instanceof ApiError
                ? errorMessage(err, t)
                : null
          }
          onClose={() => {
            setConfirming(false);
          }}
        />
      )}
    </Modal>
  );
}
