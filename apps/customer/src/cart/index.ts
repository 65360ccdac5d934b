export { CartProvider, useCart, type CartApi } from './cart-context';
export { CartContent, type Availability } from './CartContent';
export { CartBar } from './CartBar';
export { MAX_NOTE, MAX_QUANTITY, toOrderBody, type AddableItem, type CartProblem } from './cart';
