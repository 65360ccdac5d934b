import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { randomId } from '../shared/uuid';
import {
  addItem,
  cartCount,
  cartTotal,
  changeQuantity,
  emptyCart,
  removeLine,
  removeLines,
  restoreLines,
  setNote,
  syncWithMenu,
  withSubmissionKey,
  type AddableItem,
  type Cart,
  type CartChange,
  type CartLine,
  type CartLineOption,
  type CartProblem,
} from './cart';
import { loadCart, saveCart } from './cart-storage';

export interface CartApi {
  cart: Cart;
  /** Every line's price; what can be ordered now is `cartTotal(cart, available)`. */
  total: number;
  count: number;
  add: (item: AddableItem, quantity?: number, options?: CartLineOption[]) => CartProblem | undefined;
  /** Line operations take the line's `lineKey`. */
  increment: (key: string) => CartProblem | undefined;
  decrement: (key: string) => void;
  remove: (key: string) => void;
  removeMany: (keys: readonly string[]) => void;
  setNote: (note: string) => void;
  clear: () => void;
  /** Puts an order's lines (and note) back, e.g. when the server refused a queued order. */
  restore: (lines: readonly CartLine[], note?: string) => void;
  /** The Idempotency-Key for submitting the cart as it is now (made once, kept for retries). */
  submissionKey: () => string;
  syncWithMenu: (items: ReadonlyMap<number, AddableItem>) => void;
}

const CartContext = createContext<CartApi | null>(null);

/** Holds the cart of one store+table and keeps it in localStorage after every change. */
export function CartProvider({
  storeIdentifier,
  tableNumber,
  children,
}: {
  storeIdentifier: string;
  tableNumber: number;
  children: ReactNode;
}) {
  const [cart, setCart] = useState<Cart>(() => loadCart(storeIdentifier, tableNumber));
  // Handlers read the latest cart even before React re-renders (two taps in one frame).
  const latest = useRef(cart);

  useEffect(() => {
    saveCart(storeIdentifier, tableNumber, cart);
  }, [cart, storeIdentifier, tableNumber]);

  const apply = useCallback((fn: (c: Cart) => CartChange | Cart): CartProblem | undefined => {
    const result = fn(latest.current);
    const change = 'cart' in result ? result : { cart: result };
    if (change.cart !== latest.current) {
      latest.current = change.cart;
      setCart(change.cart);
    }
    return change.problem;
  }, []);

  const api = useMemo<CartApi>(
    () => ({
      cart,
      total: cartTotal(cart),
      count: cartCount(cart),
      add: (item, quantity = 1, options = []) => apply((c) => addItem(c, item, quantity, options)),
      increment: (id) => apply((c) => changeQuantity(c, id, 1)),
      decrement: (id) => {
        apply((c) => changeQuantity(c, id, -1));
      },
      remove: (id) => {
        apply((c) => removeLine(c, id));
      },
      removeMany: (ids) => {
        apply((c) => removeLines(c, ids));
      },
      setNote: (note) => {
        apply((c) => setNote(c, note));
      },
      clear: () => {
        apply(() => emptyCart);
      },
      restore: (lines, note) => {
        apply((c) => restoreLines(c, lines, note));
      },
      submissionKey: () => {
        apply((c) => withSubmissionKey(c, randomId));
        return latest.current.submissionKey ?? '';
      },
      syncWithMenu: (items) => {
        apply((c) => syncWithMenu(c, items));
      },
    }),
    [cart, apply],
  );

  return <CartContext value={api}>{children}</CartContext>;
}

/** The cart of this table. */
export function useCart(): CartApi {
  const api = useContext(CartContext);
  if (!api) throw new Error('useCart needs a CartProvider');
  return api;
}
