import type { Order, OrderList } from '@table-order/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ordersQueryKey } from './get-orders';
import { applyTableEvent } from './live-events';
import { tableOpNotice } from './table-ops-notice';
import { ko } from '../shared/i18n/ko';

// The tablet's side of a move, merge and partial cancel (SPEC 12).

const order = (id: number, extra: Partial<Order> = {}): Order => ({
  id,
  orderNumber: `20250101-000${id}`,
  tableId: 3,
  tableNumber: 3,
  sessionId: 1,
  status: 'pending',
  note: '',
  totalAmount: 9000,
  createdAt: '2025-01-01T03:00:00.000Z',
  updatedAt: '2025-01-01T03:00:00.000Z',
  items: [{ id: 10 + id, menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 1, subtotal: 9000 }],
  ...extra,
});
const moved = { fromTableId: 3, toTableId: 7, sessionId: 1, fromTableNumber: 3, toTableNumber: 7 };

function client(orders: Order[]) {
  const qc = new QueryClient();
  qc.setQueryData<OrderList>(ordersQueryKey, { orders });
  const list = () => qc.getQueryData<OrderList>(ordersQueryKey)?.orders ?? [];
  return { qc, list };
}

describe('tablet table operations', () => {
  it('empties the source tablet at once and tells it where the orders went', () => {
    const { qc, list } = client([order(1), order(2)]);
    const event = { type: 'table.moved' as const, payload: moved };
    expect(applyTableEvent(qc, event, 3)).toBe(false);
    expect(list()).toEqual([]);
    const notice = tableOpNotice(event, 3);
    expect(notice).toEqual({ kind: 'moved-away', to: 7 });
    expect(ko.ordersMovedAway(7)).toBe('주문이 테이블 7으로 이동되었습니다');
  });

  it('reloads the target tablet, which learns that orders joined', () => {
    const { qc } = client([order(5, { tableId: 7, tableNumber: 7 })]);
    const event = { type: 'table.merged' as const, payload: moved };
    applyTableEvent(qc, event, 7);
    expect(qc.getQueryState(ordersQueryKey)?.isInvalidated).toBe(true);
    expect(tableOpNotice(event, 7)).toEqual({ kind: 'joined', from: 3 });
    expect(tableOpNotice(event, 9)).toBeNull();
  });

  it('replaces a partially cancelled order with its new lines and amount', () => {
    const { qc, list } = client([order(1), order(2)]);
    const amended = order(2, {
      amended: true,
      totalAmount: 4500,
      items: [{ id: 12, menuItemId: 1, name: '김치찌개', unitPrice: 4500, quantity: 1, subtotal: 4500 }],
    });
    applyTableEvent(qc, { type: 'order.amended', payload: { order: amended, tableTotal: 13_500 } }, 3);
    expect(list().find((o) => o.id === 2)).toEqual(amended);
    expect(list().reduce((n, o) => n + o.totalAmount, 0)).toBe(13_500);
  });
});
