import type { Order } from '@table-order/contracts';
import { useI18n } from '../shared/i18n';
import { lineKey } from './struck-lines';
import { formatElapsed, timerLevel } from './timers';

interface Props {
  order: Order;
  now: number;
  amberMinutes: number;
  redMinutes: number;
  struck: Set<string>;
  onAdvance: (order: Order) => void;
  onToggleLine: (orderId: number, line: number) => void;
}

/** `20261203-0012` → `0012` (the day is today's on a kitchen screen). */
const shortNumber = (orderNumber: string) => orderNumber.split('-').at(-1) ?? orderNumber;

/**
 * One ticket: a header to tap (table, number, status, elapsed time coloured by the store's thresholds),
 * the lines with their options (tap to strike one through), and the note.
 */
export function TicketCard({ order, now, amberMinutes, redMinutes, struck, onAdvance, onToggleLine }: Props) {
  const { t } = useI18n();
  const elapsed = now - Date.parse(order.createdAt);
  const level = timerLevel(elapsed, amberMinutes, redMinutes);
  const number = shortNumber(order.orderNumber);
  const label = t('kitchen.ticketLabel', { table: order.tableNumber, number });
  const next = order.status === 'pending' ? 'preparing' : 'completed';
  return (
    <article
      className={`ticket ticket--${level} ticket--${order.status}`}
      aria-label={label}
      data-order-id={order.id}
      data-level={level}
    >
      <button
        type="button"
        className="ticket__head"
        aria-label={`${label} · ${t(`status.${order.status}`)} · ${t('kitchen.advanceTo', { status: t(`status.${next}`) })}`}
        onClick={() => {
          onAdvance(order);
        }}
      >
        <span className="ticket__table">{t('kitchen.table', { n: order.tableNumber })}</span>
        <span className="ticket__number">#{number}</span>
        <span className="ticket__status">{t(`status.${order.status}`)}</span>
        <span className="ticket__elapsed" aria-label={t('kitchen.elapsed', { time: formatElapsed(elapsed) })}>
          {formatElapsed(elapsed)}
        </span>
      </button>
      <ul className="ticket__lines">
        {order.items.map((line, i) => {
          const done = struck.has(lineKey(order.id, i));
          return (
            <li key={`${line.menuItemId}-${i}`}>
              <button
                type="button"
                className={`ticket__line${done ? ' ticket__line--struck' : ''}`}
                aria-pressed={done}
                onClick={() => {
                  onToggleLine(order.id, i);
                }}
              >
                <span className="ticket__qty">{line.quantity}×</span>
                <span className="ticket__name">
                  {line.name}
                  {line.options && line.options.length > 0 && (
                    <span className="ticket__options">
                      {line.options.map((o, j) => (
                        <span key={j} className="ticket__option">
                          {o.name}
                        </span>
                      ))}
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {order.note && (
        <p className="ticket__note">
          <strong>{t('kitchen.note')}</strong> {order.note}
        </p>
      )}
    </article>
  );
}
