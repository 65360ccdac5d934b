import type { Order } from '@table-order/contracts';
import { describe, expect, it } from 'vitest';
import {
  initialKitchen,
  kitchenReaction,
  kitchenReducer,
  type KitchenAction,
  type KitchenState,
} from './kitchen-state';

let nextId = 1;
function order(minute: number, patch: Partial<Order> = {}): Order {
  const id = patch.id ?? nextId++;
  const createdAt = new Date(Date.UTC(2026, 11, 3, 3, minute)).toISOString();
  return {
    id,
    orderNumber: `20261203-${String(id).padStart(4, '0')}`,
    tableId: 10 + (id % 3),
    tableNumber: 1 + (id % 3),
    sessionId: 100 + (id % 3),
    status: 'pending',
    note: '',
    totalAmount: 2000,
    createdAt,
    updatedAt: createdAt,
    items: [{ menuItemId: 1, name: '콜라', unitPrice: 2000, quantity: 1, subtotal: 2000, options: [] }],
    ...patch,
  };
}

const run = (actions: KitchenAction[], from: KitchenState = initialKitchen) =>
  actions.reduce(kitchenReducer, from);
const ids = (s: KitchenState) => s.tickets.map((o) => o.id);

describe('kitchen tickets', () => {
  it('shows the snapshot oldest first, without completed orders', () => {
    const a = order(5, { id: 1 });
    const b = order(1, { id: 2 });
    const c = order(3, { id: 3, status: 'completed' });
    const d = order(1, { id: 4 }); // same minute as b: the lower id first
    const s = run([{ type: 'snapshot', orders: [a, b, c, d] }]);
    expect(s.loaded).toBe(true);
    expect(ids(s)).toEqual([2, 4, 1]);
  });

  it('places new orders by age, whatever order they arrive in, and never twice', () => {
    const [a, b, c] = [order(1, { id: 11 }), order(2, { id: 12 }), order(3, { id: 13 })];
    const s = run([
      { type: 'snapshot', orders: [a] },
      { type: 'upsert', order: c },
      { type: 'upsert', order: b },
      { type: 'upsert', order: c },
      { type: 'upsert', order: a },
    ]);
    expect(ids(s)).toEqual([11, 12, 13]);
  });

  it('moves statuses forward only; completed, deleted and checked-out tickets leave for good', () => {
    const [a, b, c] = [
      order(1, { id: 21, sessionId: 7 }),
      order(2, { id: 22, sessionId: 8 }),
      order(3, { id: 23, sessionId: 7 }),
    ];
    let s = run([{ type: 'snapshot', orders: [a, b, c] }]);
    s = run([{ type: 'status', orderId: 21, status: 'preparing' }], s);
    expect(s.tickets[0]?.status).toBe('preparing');
    // A stale copy (a replayed created event) does not move it back.
    s = run(
      [
        { type: 'upsert', order: a },
        { type: 'status', orderId: 21, status: 'pending' },
      ],
      s,
    );
    expect(s.tickets[0]?.status).toBe('preparing');
    s = run([{ type: 'status', orderId: 22, status: 'completed' }], s);
    expect(ids(s)).toEqual([21, 23]);
    s = run([{ type: 'upsert', order: b }], s); // late repeat of its creation
    expect(ids(s)).toEqual([21, 23]);
    s = run([{ type: 'session-closed', sessionId: 7 }], s);
    expect(ids(s)).toEqual([]);
    const d = order(4, { id: 24 });
    s = run(
      [
        { type: 'upsert', order: d },
        { type: 'remove', orderIds: [24] },
        { type: 'upsert', order: d },
      ],
      s,
    );
    expect(ids(s)).toEqual([]);
  });

  it('an amended order replaces its ticket in place', () => {
    const [a, b] = [order(1, { id: 31 }), order(2, { id: 32 })];
    const amended = { ...a, note: '양 많이', items: [...a.items, { ...a.items[0]!, name: '사이다' }] };
    const s = run([
      { type: 'snapshot', orders: [a, b] },
      { type: 'upsert', order: amended },
    ]);
    expect(ids(s)).toEqual([31, 32]);
    expect(s.tickets[0]?.items.map((l) => l.name)).toEqual(['콜라', '사이다']);
    expect(s.tickets[0]?.note).toBe('양 많이');
  });

  it('events re-applied on top of a newer snapshot change nothing twice', () => {
    const [a, b] = [order(1, { id: 41 }), order(2, { id: 42 })];
    const during: KitchenAction[] = [
      { type: 'upsert', order: b },
      { type: 'status', orderId: 41, status: 'completed' },
    ];
    // The snapshot was read after both changes: applying them again leaves it as it is.
    const s = run([{ type: 'snapshot', orders: [b] }, ...during]);
    expect(ids(s)).toEqual([42]);
    // Read before them: they are what brings it up to date.
    expect(ids(run([{ type: 'snapshot', orders: [a] }, ...during]))).toEqual([42]);
  });

  it('maps every live event type to a change, a refetch or nothing', () => {
    const a = order(1, { id: 51 });
    expect(kitchenReaction({ type: 'order.created', payload: a })).toEqual({
      action: { type: 'upsert', order: a },
    });
    expect(
      kitchenReaction({
        type: 'order.updated',
        payload: {
          orderId: 51,
          tableId: 1,
          status: 'preparing',
          pendingCount: 0,
          preparingCount: 1,
          oldestPendingAt: null,
        },
      }),
    ).toEqual({ action: { type: 'status', orderId: 51, status: 'preparing' } });
    expect(
      kitchenReaction({
        type: 'order.deleted',
        payload: {
          orderId: 51,
          tableId: 1,
          tableTotal: 0,
          pendingCount: 0,
          preparingCount: 0,
          oldestPendingAt: null,
        },
      }),
    ).toEqual({ action: { type: 'remove', orderIds: [51] } });
    expect(
      kitchenReaction({
        type: 'table.checked_out',
        payload: { tableId: 1, sessionId: 9, completedAt: '2026-12-03T04:00:00.000Z' },
      }),
    ).toEqual({ action: { type: 'session-closed', sessionId: 9 } });
    expect(kitchenReaction({ type: 'resync' })).toEqual({ refetch: true });
    expect(kitchenReaction({ type: 'menu.changed', payload: {} })).toBeNull();
  });
});
