export { CartProvider, useCart, type CartApi } from './cart-context';
export { CartContent } from './CartContent';
export { CartBar } from './CartBar';
export {
  cartTotal,
  lineAvailability,
  lineKey,
  toOrderBody,
  type AddableItem,
  type Availability,
  type CartLine,
  type CartLineOption,
  type CartProblem,
} from './cart';
