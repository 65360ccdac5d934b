import { ORDER_QUANTITY_MAX } from '@table-order/contracts/constants';
import { useState } from 'react';
import { useI18n } from '../shared/i18n/i18n';
import { ConfirmDialog } from '../shared/ui/Dialog';
import { CartIcon, MinusIcon, PlusIcon, TrashIcon } from '../shared/ui/icons';
import { LineOptions } from '../shared/ui/LineOptions';
import { useToast } from '../shared/ui/Toast';
import { cartTotal, lineKey, type Availability, type CartLine } from './cart';
import { useCart } from './cart-context';

export interface CartContentProps {
  /** Whether each line can be ordered by the current menu; the others are flagged and left out of the total. */
  availability: (line: CartLine) => Availability;
  onOrder: () => void;
  /** The landscape panel shows its own title; the portrait sheet has the dialog's. */
  showTitle?: boolean;
}

/** Cart lines with +/−/remove, the live total and the order button (panel in landscape, sheet in portrait). */
export function CartContent({ availability, onOrder, showTitle = true }: CartContentProps) {
  const { t } = useI18n();
  const cart = useCart();
  const [confirmClear, setConfirmClear] = useState(false);
  const { lines } = cart.cart;
  const total = cartTotal(cart.cart, (l) => availability(l) === 'available');
  // A line that cannot be ordered is taken out first (the server's 409 stays the backstop).
  const blocked = lines.some((l) => availability(l) !== 'available');
  return (
    <div className="cart">
      <div className="cart__head">
        {showTitle && (
          <h2 className="cart__title">
            {t.cart}
            <span className="count-badge" aria-hidden="true">
              {cart.count}
            </span>
            <span className="visually-hidden">{t.count(cart.count)}</span>
          </h2>
        )}
        {lines.length > 0 && (
          <button
            type="button"
            className="button button--quiet cart__clear"
            aria-label={t.clearCartLabel}
            onClick={() => {
              setConfirmClear(true);
            }}
          >
            {t.clearCart}
          </button>
        )}
      </div>
      {lines.length === 0 ? (
        <div className="empty-state cart__empty">
          <span className="empty-state__icon">
            <CartIcon />
          </span>
          <p className="empty-state__title">{t.cartEmpty}</p>
          <p className="empty-state__hint">{t.cartEmptyHint}</p>
        </div>
      ) : (
        <ul className="cart__lines" aria-label={t.cart}>
          {lines.map((line) => (
            <CartLineRow key={lineKey(line)} line={line} availability={availability(line)} />
          ))}
        </ul>
      )}
      <div className="cart__foot">
        <p className="cart__total">
          <span>{t.total}</span>
          <strong aria-live="polite">{t.money(total)}</strong>
        </p>
        {blocked && (
          <p className="cart__blocked" role="status">
            {t.cartHasUnavailable}
          </p>
        )}
        <button
          type="button"
          className="button button--primary button--block button--xl"
          disabled={lines.length === 0 || blocked}
          onClick={onOrder}
        >
          {t.order}
        </button>
      </div>
      {confirmClear && (
        <ConfirmDialog
          title={t.clearCartTitle}
          body={t.clearCartBody(cart.count)}
          confirmLabel={t.clearCartAction}
          onCancel={() => {
            setConfirmClear(false);
          }}
          onConfirm={() => {
            cart.clear();
            setConfirmClear(false);
          }}
        />
      )}
    </div>
  );
}

function CartLineRow({ line, availability }: { line: CartLine; availability: Availability }) {
  const { t } = useI18n();
  const cart = useCart();
  const toast = useToast();
  const unavailable = availability !== 'available';
  const key = lineKey(line);
  return (
    <li className="cart-line" data-unavailable={unavailable || undefined}>
      <div className="cart-line__top">
        <span className="cart-line__name">
          {line.name}
          {unavailable && (
            <span className="badge badge--soldout">
              {availability === 'sold_out' ? t.soldOut : t.lineUnavailable}
            </span>
          )}
        </span>
        <button
          type="button"
          className="icon-button cart-line__remove"
          aria-label={t.lineRemove(line.name)}
          onClick={() => {
            cart.remove(key);
          }}
        >
          <TrashIcon />
        </button>
      </div>
      <LineOptions options={line.options} className="cart-line__options" />
      <div className="cart-line__bottom">
        <div className="stepper" role="group" aria-label={t.lineQuantity(line.name, line.quantity)}>
          <button
            type="button"
            className="stepper__button"
            aria-label={t.lineDecrease(line.name)}
            disabled={line.quantity <= 1}
            onClick={() => {
              cart.decrement(key);
            }}
          >
            <MinusIcon />
          </button>
          <span className="stepper__value">{line.quantity}</span>
          <button
            type="button"
            className="stepper__button"
            aria-label={t.lineIncrease(line.name)}
            disabled={unavailable || line.quantity >= ORDER_QUANTITY_MAX}
            onClick={() => {
              if (cart.increment(key)) toast.notify(t.limitQuantity);
            }}
          >
            <PlusIcon />
          </button>
        </div>
        {unavailable ? (
          <button
            type="button"
            className="button button--secondary cart-line__drop"
            aria-label={t.lineRemove(line.name)}
            onClick={() => {
              cart.remove(key);
            }}
          >
            {t.lineRemoveShort}
          </button>
        ) : (
          <span className="cart-line__subtotal">{t.money(line.unitPrice * line.quantity)}</span>
        )}
      </div>
    </li>
  );
}
