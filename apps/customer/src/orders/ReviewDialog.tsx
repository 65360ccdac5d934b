import type { Order } from '@table-order/contracts';
import { ORDER_NOTE_MAX } from '@table-order/contracts/constants';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { cartTotal, lineKey, toOrderBody, useCart, type Availability, type CartLine } from '../cart';
import { menuQueryKey } from '../menu';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { LineOptions } from '../shared/ui/LineOptions';
import { useCreateOrder } from './create-order';
import { describeOrderFailure, type OrderFailure } from './order-errors';
import { isNoAnswer } from './outbox';
import { useOutbox } from './outbox-context';
import { RequestChips } from './RequestChips';

export interface ReviewDialogProps {
  /** Availability of each cart line by the current menu (the others are flagged, out of the total). */
  availability: (line: CartLine) => Availability;
  onClose: () => void;
  onPlaced: (order: Order) => void;
  /** The order got no answer (or waits behind others) and went to the outbox; the cart is empty. */
  onQueued?: () => void;
}

/**
 * The last step before the kitchen: lines, note, total, confirm. The submission's Idempotency-Key is made
 * on the first confirm and reused by every retry until the cart changes, so nothing is ordered twice.
 * An order that gets no answer (offline, timeout, 502/503/504) goes to the outbox with its key and is sent
 * from there; while the outbox holds orders, a new one queues behind them so they arrive in order.
 */
export function ReviewDialog({ availability, onClose, onPlaced, onQueued }: ReviewDialogProps) {
  const { t } = useI18n();
  const cart = useCart();
  const queryClient = useQueryClient();
  const createOrder = useCreateOrder();
  const outbox = useOutbox();
  const [failure, setFailure] = useState<OrderFailure | null>(null);
  const inFlight = useRef(false);
  const noteId = useId();
  // Each line's price as the guest first saw it here: a price the menu changes meanwhile is highlighted.
  const [seenPrices] = useState(() => new Map(cart.cart.lines.map((l) => [lineKey(l), l.unitPrice])));

  const handleConfirm = () => {
    if (inFlight.current || cart.cart.lines.length === 0) return;
    inFlight.current = true;
    setFailure(null);
    const key = cart.submissionKey();
    const body = toOrderBody(cart.cart);
    const sent = cart.cart.lines;
    const note = cart.cart.note;
    const queue = (): boolean => {
      if (!outbox?.enqueue({ key, body, lines: sent, note })) return false;
      cart.clear();
      onQueued?.();
      return true;
    };
    if (outbox && outbox.entries.length > 0 && queue()) {
      inFlight.current = false;
      return;
    }
    createOrder.mutate(
      { body, key },
      {
        onSuccess: (order) => {
          cart.clear();
          onPlaced(order);
        },
        onError: (err) => {
          if (isNoAnswer(err) && queue()) return;
          const f = describeOrderFailure(err, t, sent);
          setFailure(f);
          if (f.unavailable.length > 0) void queryClient.invalidateQueries({ queryKey: menuQueryKey });
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  const sending = createOrder.isPending;
  const changed = cart.cart.lines.filter((l) => {
    const seen = seenPrices.get(lineKey(l));
    return seen !== undefined && seen !== l.unitPrice;
  });
  const total = cartTotal(cart.cart, (l) => availability(l) === 'available');
  const empty = cart.cart.lines.length === 0;
  return (
    <Dialog
      title={t.reviewTitle}
      onClose={onClose}
      dismissible={!sending}
      className="review"
      footer={
        <>
          <button
            type="button"
            className="button button--secondary button--xl"
            onClick={onClose}
            disabled={sending}
          >
            {t.back}
          </button>
          <button
            type="button"
            className="button button--primary button--xl review__confirm"
            onClick={handleConfirm}
            disabled={sending || empty}
            aria-busy={sending}
          >
            {sending ? t.sending : failure?.retryable ? t.retry : t.confirmOrder(t.money(total))}
          </button>
        </>
      }
    >
      <p className="review__intro">{t.reviewIntro}</p>
      <ul className="review__lines">
        {cart.cart.lines.map((line) => {
          const state = availability(line);
          const seen = seenPrices.get(lineKey(line));
          const repriced = seen !== undefined && seen !== line.unitPrice;
          return (
            <li
              key={lineKey(line)}
              className="review__line"
              data-unavailable={state !== 'available' || undefined}
              data-repriced={repriced || undefined}
            >
              <span className="review__name">
                {line.name}
                {state !== 'available' && (
                  <span className="badge badge--soldout">
                    {state === 'sold_out' ? t.soldOut : t.lineUnavailable}
                  </span>
                )}
                <LineOptions options={line.options} />
              </span>
              <span className="review__qty">× {line.quantity}</span>
              <span className="review__subtotal">
                {t.money(line.unitPrice * line.quantity)}
                {repriced && (
                  <span className="review__was">{t.priceChanged(t.money(seen * line.quantity))}</span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      {changed.length > 0 && (
        <p className="review__repriced" role="status">
          {t.priceChangedNotice}
        </p>
      )}
      <div className="review__total">
        <span>{t.total}</span>
        <strong>{t.money(total)}</strong>
      </div>
      <label className="field" htmlFor={noteId}>
        <span className="field__label">{t.note}</span>
        <textarea
          id={noteId}
          className="field__input review__note"
          value={cart.cart.note}
          maxLength={ORDER_NOTE_MAX}
          rows={2}
          placeholder={t.notePlaceholder}
          disabled={sending}
          onChange={(e) => {
            cart.setNote(e.target.value);
          }}
        />
      </label>
      <RequestChips note={cart.cart.note} onChange={cart.setNote} disabled={sending} />
      {failure && (
        <div className="alert" role="alert">
          <p>{failure.message}</p>
          {failure.unavailable.length > 0 && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                cart.removeMany(failure.unavailable.map((u) => u.key));
                setFailure(null);
              }}
            >
              {t.removeUnavailable}
            </button>
          )}
        </div>
      )}
    </Dialog>
  );
}
