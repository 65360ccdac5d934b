import { useI18n } from '../shared/i18n/i18n';
import { CartIcon } from '../shared/ui/icons';
import { cartTotal, type Availability, type CartLine } from './cart';
import { useCart } from './cart-context';

export interface CartBarProps {
  /** Lines that cannot be ordered now are left out of the total. */
  availability: (line: CartLine) => Availability;
  onOpenCart: () => void;
  onOrder: () => void;
}

/** Portrait: the bar along the bottom with the cart count, total and the order button. */
export function CartBar({ availability, onOpenCart, onOrder }: CartBarProps) {
  const { t } = useI18n();
  const cart = useCart();
  const total = t.money(cartTotal(cart.cart, (l) => availability(l) === 'available'));
  return (
    <div className="cart-bar">
      <button
        type="button"
        className="cart-bar__summary"
        aria-label={t.openCart(cart.count, total)}
        onClick={onOpenCart}
      >
        <span className="cart-bar__icon">
          <CartIcon />
          {/* The count is drawn by CSS: the button's name says it after the total. */}
          <span
            className="count-badge count-badge--floating"
            data-count={cart.count}
            data-empty={cart.count === 0 || undefined}
          />
        </span>
        <span className="cart-bar__label">{t.cart}</span> <span className="cart-bar__total">{total}</span>
      </button>
      <button
        type="button"
        className="button button--primary button--xl cart-bar__order"
        disabled={cart.count === 0}
        onClick={onOrder}
      >
        {t.order}
      </button>
    </div>
  );
}
