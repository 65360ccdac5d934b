import { useI18n } from '../shared/i18n/i18n';
import { CartIcon } from '../shared/ui/icons';
import { useCart } from './cart-context';

/** Portrait: the bar along the bottom with the cart count, total and the order button. */
export function CartBar({ onOpenCart, onOrder }: { onOpenCart: () => void; onOrder: () => void }) {
  const { t } = useI18n();
  const cart = useCart();
  const total = t.money(cart.total);
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
          <span className="count-badge count-badge--floating" data-empty={cart.count === 0 || undefined}>
            {cart.count}
          </span>
        </span>
        <span className="cart-bar__label">{t.cart}</span>
        <span className="cart-bar__total">{total}</span>
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
