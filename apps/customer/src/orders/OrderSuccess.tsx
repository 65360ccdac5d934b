import type { Order } from '@table-order/contracts';
import { useEffect, useEffectEvent, useState } from 'react';
import { orderSequence } from '../shared/format';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { LineOptions } from '../shared/ui/LineOptions';

const SUCCESS_SECONDS = 5;
const RING_RADIUS = 44;

/** Full-screen confirmation: the order number in large type and a 5-second ring back to the menu. */
export function OrderSuccess({
  order,
  onDone,
  nameOf,
}: {
  order: Order;
  onDone: () => void;
  /** A dish's name in the tablet's language while it is on the menu (the order keeps the Korean one). */
  nameOf?: ((menuItemId: number) => string | undefined) | undefined;
}) {
  const { t } = useI18n();
  const [left, setLeft] = useState(SUCCESS_SECONDS);
  const done = useEffectEvent(onDone);

  useEffect(() => {
    const started = performance.now();
    const timer = setInterval(() => {
      const remaining = SUCCESS_SECONDS - Math.floor((performance.now() - started) / 1000);
      if (remaining <= 0) {
        clearInterval(timer);
        done();
      } else {
        setLeft(remaining);
      }
    }, 200);
    return () => {
      clearInterval(timer);
    };
  }, []);

  return (
    <Dialog title={t.orderPlaced} onClose={onDone} variant="full" className="success" hideTitle>
      <div className="success__content">
        <span className="success__check" aria-hidden="true">
          <svg viewBox="0 0 48 48" width="56" height="56">
            <path
              d="M12 25l8 8 16-18"
              fill="none"
              stroke="currentColor"
              strokeWidth="5"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
        </span>
        <p className="success__title">{t.orderPlaced}</p>
        <p className="success__label">{t.orderNumber}</p>
        <p className="success__number" aria-label={`${t.orderNumber} ${order.orderNumber}`}>
          <span className="success__seq">{orderSequence(order.orderNumber)}</span>
          <span className="success__full">{order.orderNumber}</span>
        </p>
        <ul className="success__lines" aria-label={t.orderedItems}>
          {order.items.map((line, i) => (
            <li key={i} className="success__line">
              <span className="success__line-name">
                {nameOf?.(line.menuItemId) ?? line.name}{' '}
                <span className="success__qty">× {line.quantity}</span>
              </span>
              <LineOptions options={line.options} />
            </li>
          ))}
        </ul>
        <p className="success__hint">{t.orderPlacedHint}</p>
        <div className="success__footer">
          <span className="countdown" role="timer" aria-label={t.returningIn(left)}>
            <svg viewBox="0 0 100 100" width="88" height="88" aria-hidden="true">
              <circle className="countdown__track" cx="50" cy="50" r={RING_RADIUS} />
              <circle
                className="countdown__ring"
                cx="50"
                cy="50"
                r={RING_RADIUS}
                pathLength={100}
                style={{ animationDuration: `${SUCCESS_SECONDS}s` }}
              />
            </svg>
            <span className="countdown__value" aria-hidden="true">
              {left}
            </span>
          </span>
          <button type="button" className="button button--primary button--xl" onClick={onDone}>
            {t.backToMenu}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
