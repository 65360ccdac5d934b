import type { Call, CallList, Order, OrderList, TableStoreSettings } from '@table-order/contracts';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { callsQueryKey } from '../calls';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { ordersQueryKey } from './get-orders';
import { applyTableEvent } from './live-events';

const order = (id: number, status: Order['status'] = 'pending'): Order => ({
  id,
  orderNumber: `20250101-000${id}`,
  tableId: 3,
  tableNumber: 3,
  sessionId: 1,
  status,
  note: '',
  totalAmount: 9000,
  createdAt: '2025-01-01T03:00:00.000Z',
  updatedAt: '2025-01-01T03:00:00.000Z',
  items: [{ menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 1, subtotal: 9000, options: [] }],
});

function client(orders: Order[]) {
  const qc = new QueryClient();
  qc.setQueryData<OrderList>(ordersQueryKey, { orders });
  const list = () => qc.getQueryData<OrderList>(ordersQueryKey)?.orders ?? [];
  return { qc, list };
}

describe('applyTableEvent', () => {
  it('adds a created order once (the POST answer may already have added it)', () => {
    const { qc, list } = client([order(1)]);
    applyTableEvent(qc, { type: 'order.created', payload: order(2) });
    applyTableEvent(qc, { type: 'order.created', payload: order(2) });
    expect(list().map((o) => o.id)).toEqual([2, 1]);
  });

  it('changes the status of an updated order and removes a deleted one', () => {
    const counts = { pendingCount: 0, preparingCount: 1, oldestPendingAt: null };
    const { qc, list } = client([order(2), order(1)]);
    applyTableEvent(qc, {
      type: 'order.updated',
      payload: { orderId: 1, tableId: 3, status: 'preparing', ...counts },
    });
    expect(list().find((o) => o.id === 1)?.status).toBe('preparing');
    applyTableEvent(qc, {
      type: 'order.deleted',
      payload: { orderId: 2, tableId: 3, tableTotal: 9000, ...counts },
    });
    expect(list().map((o) => o.id)).toEqual([1]);
  });

  it('tells the guest which order staff corrected and the new total (once, for an order it showed)', () => {
    const counts = { pendingCount: 0, preparingCount: 0, oldestPendingAt: null };
    const { qc } = client([order(2), order(1)]);
    const told: unknown[] = [];
    const del = {
      type: 'order.deleted' as const,
      payload: { orderId: 2, tableId: 3, tableTotal: 9000, ...counts },
    };
    applyTableEvent(qc, del, undefined, (c) => told.push(c));
    applyTableEvent(qc, del, undefined, (c) => told.push(c));
    expect(told).toEqual([{ orderNumber: '20250101-0002', tableTotal: 9000 }]);
  });

  it('clears the list on checkout and reports it', () => {
    const { qc, list } = client([order(1)]);
    const checkout = { tableId: 3, sessionId: 1, completedAt: 'x' };
    expect(applyTableEvent(qc, { type: 'table.checked_out', payload: checkout })).toBe(true);
    expect(list()).toEqual([]);
  });

  it('marks the menu stale on menu.changed', () => {
    const { qc } = client([]);
    qc.setQueryData(['menu'], { categories: [] });
    applyTableEvent(qc, { type: 'menu.changed', payload: {} });
    expect(qc.getQueryState(['menu'])?.isInvalidated).toBe(true);
  });

  it('keeps the table’s staff calls: new, acknowledged, and none after checkout', () => {
    const { qc } = client([]);
    qc.setQueryData<CallList>(callsQueryKey, { calls: [] });
    const call: Call = {
      id: 9,
      tableId: 3,
      tableNumber: 3,
      reasons: ['물'],
      message: null,
      status: 'open',
      createdAt: '2025-01-01T03:00:00.000Z',
      acknowledgedAt: null,
    };
    const calls = () => qc.getQueryData<CallList>(callsQueryKey)?.calls;
    applyTableEvent(qc, { type: 'call.created', payload: call });
    applyTableEvent(qc, { type: 'call.created', payload: call });
    expect(calls()).toEqual([call]);
    const acknowledgedAt = '2025-01-01T03:01:00.000Z';
    applyTableEvent(qc, { type: 'call.acknowledged', payload: { callId: 9, tableId: 3, acknowledgedAt } });
    expect(calls()).toEqual([{ ...call, status: 'acknowledged', acknowledgedAt }]);
    applyTableEvent(qc, {
      type: 'table.checked_out',
      payload: { tableId: 3, sessionId: 1, completedAt: 'x' },
    });
    expect(calls()).toEqual([]);
  });

  it('takes the store’s new settings from store.changed as they are', () => {
    const { qc } = client([]);
    const settings: TableStoreSettings = {
      name: '새 이름',
      timeZone: 'Asia/Seoul',
      callReasons: ['물'],
      requestChips: ['덜 맵게'],
      menuLanguages: ['ko', 'en'],
      idleTimeoutSeconds: 60,
    };
    expect(applyTableEvent(qc, { type: 'store.changed', payload: settings })).toBe(false);
    expect(qc.getQueryData(storeSettingsQueryKey)).toEqual(settings);
  });
});
