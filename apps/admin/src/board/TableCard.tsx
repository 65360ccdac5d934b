import type { Call } from '@table-order/contracts';
import { memo } from 'react';
import { useSession } from '../auth';
import { formatMoney, formatTime, optionNames, shortOrderNumber } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { cardRows, type BoardTable } from './board-state';
import { CallItem } from './CallItem';
import { orderLines } from './order-summary';

/** The first words of an order note on a card (the drawer shows it whole). */
const NOTE_PREVIEW = 24;
function noteStart(note: string): string {
  const flat = note.trim().replace(/\s+/g, ' ');
  return flat.length > NOTE_PREVIEW ? `${flat.slice(0, NOTE_PREVIEW - 1)}…` : flat;
}

/** Rows shown per card; the rest are one click away. */
const MAX_ROWS = 4;
/** An order that arrived this recently pulses once when it appears. */
const PULSE_MS = 4000;

export interface TableCardActions {
  onOpenOrder: (tableId: number, orderId: number) => void;
  onOpenTable: (tableId: number) => void;
  onCheckout: (tableId: number) => void;
  /** Move this table's party to an idle table, or merge another table's into this one (SPEC 12). */
  onTableOp: (tableId: number, mode: 'move' | 'merge') => void;
  onHistory: (tableId: number) => void;
  /** One tap: staff saw the call (settles when saved; rejects when it failed). */
  onAcknowledgeCall: (call: Call) => Promise<unknown>;
}

/** One table on the board: number, total, open staff calls, latest orders, actions; highlighted while any order is pending. */
export const TableCard = memo(function TableCard({
  table,
  actions,
}: {
  table: BoardTable;
  actions: TableCardActions;
}) {
  const { t, lang } = useI18n();
  const { store } = useSession();
  // Every pending order of the session (the API's count), not only the rows shown.
  const pending = table.pendingCount;
  const shown = cardRows(table, MAX_ROWS);
  const hidden = Math.max(0, table.orderCount - shown.length);
  const open = table.sessionId !== null;
  const titleId = `table-${table.id}-title`;
  const now = Date.now();

  return (
    <article
      className={[
        'card',
        open ? 'card--open' : 'card--idle',
        pending > 0 ? 'card--pending' : '',
        table.calls.length > 0 ? 'card--calling' : '',
      ].join(' ')}
      aria-labelledby={titleId}
    >
      <header className="card__head">
        <h2 className="card__title" id={titleId}>
          {t('table.name', { n: table.number })}
        </h2>
        <span className="card__total">{formatMoney(table.totalAmount, lang)}</span>
      </header>
      {open ? (
        <p className="card__meta">
          <span>{t('table.orderCount', { n: table.orderCount })}</span>
          {pending > 0 && <span className="badge badge--new">{t('table.newOrders', { n: pending })}</span>}
        </p>
      ) : (
        <p className="card__meta card__meta--idle">{t('table.idle')}</p>
      )}
      {table.calls.length > 0 && (
        <ul className="card__calls" aria-label={t('calls.cardLabel', { n: table.number })}>
          {table.calls.map((c) => (
            <CallItem key={c.id} call={c} onAcknowledge={actions.onAcknowledgeCall} />
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ul className="card__orders">
          {shown.map((o) => {
            const arrived = table.arrived[o.id];
            const pulse = o.status === 'pending' && arrived !== undefined && now - arrived < PULSE_MS;
            return (
              <li key={o.id}>
                <button
                  type="button"
                  className={['order-row', `order-row--${o.status}`, pulse ? 'order-row--pulse' : ''].join(
                    ' ',
                  )}
                  onClick={() => {
                    actions.onOpenOrder(table.id, o.id);
                  }}
                >
                  {/* Named by what it shows (axe: the visible text is part of the name): "주문 #0012 …". */}
                  <span className="order-row__no">
                    <span className="sr-only">{t('order.rowName')} </span>#{shortOrderNumber(o.orderNumber)}
                  </span>
                  <span className="order-row__time">{formatTime(o.createdAt, store.timeZone)}</span>
                  <span className={`chip chip--${o.status}`}>{t(`status.${o.status}`)}</span>
                  {o.note.trim() !== '' && (
                    <span className="order-row__note" title={o.note}>
                      <span className="order-row__note-mark">{t('order.noteMarker')}</span>{' '}
                      {noteStart(o.note)}
                    </span>
                  )}
                  <span className="order-row__items" title={orderLines(o)}>
                    {o.items.map((l, i) => {
                      const options = optionNames(l);
                      return (
                        <span key={i} className="order-row__line">
                          {i > 0 && ', '}
                          {l.name}
                          {options && <span className="order-row__options">({options})</span>} ×{l.quantity}
                        </span>
                      );
                    })}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {open && (
        <button
          type="button"
          className="card__more"
          aria-label={`${t('table.name', { n: table.number })} ${
            hidden > 0 ? t('table.moreOrders', { n: hidden }) : t('table.allOrders')
          }`}
          onClick={() => {
            actions.onOpenTable(table.id);
          }}
        >
          {hidden > 0 ? t('table.moreOrders', { n: hidden }) : t('table.allOrders')}
        </button>
      )}
      <footer className="card__actions">
        <button
          type="button"
          className="btn"
          aria-label={t('table.historyLabel', { n: table.number })}
          onClick={() => {
            actions.onHistory(table.id);
          }}
        >
          {t('table.history')}
        </button>
        {open && (
          <>
            <button
              type="button"
              className="btn"
              aria-label={t('tableOps.moveLabel', { n: table.number })}
              onClick={() => {
                actions.onTableOp(table.id, 'move');
              }}
            >
              {t('tableOps.move')}
            </button>
            <button
              type="button"
              className="btn"
              aria-label={t('tableOps.mergeLabel', { n: table.number })}
              onClick={() => {
                actions.onTableOp(table.id, 'merge');
              }}
            >
              {t('tableOps.merge')}
            </button>
          </>
        )}
        {open && (
          <button
            type="button"
            className="btn btn--primary"
            aria-label={t('table.checkoutLabel', { n: table.number })}
            onClick={() => {
              actions.onCheckout(table.id);
            }}
          >
            {t('table.checkout')}
          </button>
        )}
      </footer>
    </article>
  );
});
