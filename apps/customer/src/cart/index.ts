export { CartProvider, useCart, type CartApi } from './cart-context';
export { CartContent, type Availability } from './CartContent';
export { CartBar } from './CartBar';
export { toOrderBody, type AddableItem, type CartProblem } from './cart';
