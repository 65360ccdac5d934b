import type { OrderList } from '@table-order/contracts';
import type { LiveEvent } from '@table-order/contracts/sse';
import type { QueryClient } from '@tanstack/react-query';
import { applyCallEvent, callsQueryKey } from '../calls';
import { menuQueryKey } from '../menu';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { addOrderToList } from './create-order';
import { ordersQueryKey } from './get-orders';

/** What a guest is told about an event: staff deleted (corrected) one of the table's orders. */
export interface OrderCorrection {
  orderNumber: string;
  tableTotal: number;
}

/**
 * Applies one table event to the cached menu, orders, staff calls and store settings; returns true on
 * `table.checked_out`. A deleted order the guest's list showed is reported through `onCorrected`.
 */
export function applyTableEvent(
  queryClient: QueryClient,
  event: LiveEvent,
  tableId?: number,
  onCorrected?: (c: OrderCorrection) => void,
): boolean {
  applyCallEvent(queryClient, event);
  const update = (fn: (list: OrderList) => OrderList) => {
    queryClient.setQueryData<OrderList>(ordersQueryKey, (list) => (list ? fn(list) : list));
  };
  switch (event.type) {
    case 'order.created': {
      const order = event.payload;
      if (queryClient.getQueryData(ordersQueryKey)) {
        queryClient.setQueryData<OrderList>(ordersQueryKey, (list) => addOrderToList(list, order));
      } else {
        void queryClient.invalidateQueries({ queryKey: ordersQueryKey });
      }
      return false;
    }
    case 'order.updated': {
      const { orderId, status } = event.payload;
      update((list) => ({ orders: list.orders.map((o) => (o.id === orderId ? { ...o, status } : o)) }));
      return false;
    }
    case 'order.deleted': {
      const { orderId, tableTotal } = event.payload;
      const gone = queryClient.getQueryData<OrderList>(ordersQueryKey)?.orders.find((o) => o.id === orderId);
      update((list) => ({ orders: list.orders.filter((o) => o.id !== orderId) }));
      if (gone) onCorrected?.({ orderNumber: gone.orderNumber, tableTotal });
      return false;
    }
    case 'table.checked_out':
      queryClient.setQueryData<OrderList>(ordersQueryKey, { orders: [] });
      return true;
    case 'menu.changed':
      void queryClient.invalidateQueries({ queryKey: menuQueryKey });
      return false;
    case 'store.changed':
      queryClient.setQueryData(storeSettingsQueryKey, event.payload);
      // The menu languages may have changed (a new menu version): a 304 when they did not.
      void queryClient.invalidateQueries({ queryKey: menuQueryKey });
      return false;
    case 'order.amended': {
      const { order } = event.payload;
      update((list) => ({ orders: list.orders.map((o) => (o.id === order.id ? order : o)) }));
      return false;
    }
    case 'table.moved':
    case 'table.merged':
      // This table's party left (its list empties at once) or another joined: reload orders and calls.
      if (tableId === event.payload.fromTableId)
        queryClient.setQueryData<OrderList>(ordersQueryKey, { orders: [] });
      void queryClient.invalidateQueries({ queryKey: ordersQueryKey });
      void queryClient.invalidateQueries({ queryKey: callsQueryKey });
      return false;
    case 'call.created':
    case 'call.acknowledged':
      return false;
    // Admin streams only: the server never sends it to a table.
    case 'printer.state':
      return false;
    case 'resync':
      void queryClient.invalidateQueries({ queryKey: menuQueryKey });
      void queryClient.invalidateQueries({ queryKey: ordersQueryKey });
      void queryClient.invalidateQueries({ queryKey: storeSettingsQueryKey });
      return false;
  }
}
