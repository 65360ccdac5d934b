export { useOrders } from './get-orders';
export { useLiveUpdates } from './use-live-updates';
export { ReviewDialog } from './ReviewDialog';
export { OrderSuccess } from './OrderSuccess';
export { MyOrdersDialog } from './MyOrdersDialog';
export { OutboxProvider, useOutbox } from './outbox-context';
