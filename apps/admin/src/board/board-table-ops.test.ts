import type { Dashboard, Order } from '@table-order/contracts';
import { describe, expect, it } from 'vitest';
import { boardReducer, initialBoard, type BoardAction, type BoardState } from './board-state';

// The board's reducer on move, merge and partial cancel (SPEC 12): applied at once, twice is once.

function order(id: number, tableId: number, sessionId: number, totalAmount: number): Order {
  return {
    id,
    orderNumber: `20250101-${String(id).padStart(4, '0')}`,
    tableId,
    tableNumber: tableId,
    sessionId,
    status: 'pending',
    note: '',
    totalAmount,
    createdAt: `2025-01-01T09:0${id % 10}:00.000Z`,
    updatedAt: '2025-01-01T09:00:00.000Z',
    items: [
      {
        id: id * 10,
        menuItemId: 1,
        name: '김치찌개',
        unitPrice: totalAmount,
        quantity: 1,
        subtotal: totalAmount,
      },
    ],
  };
}
const busy = (id: number, sessionId: number, o: Order) => ({
  id,
  number: id,
  sessionId,
  totalAmount: o.totalAmount,
  orderCount: 1,
  latestOrders: [o],
  pendingCount: 1,
  preparingCount: 0,
  oldestPendingAt: o.createdAt,
  oldestPendingOrder: o,
});
const idle = (id: number) => ({
  id,
  number: id,
  sessionId: null,
  totalAmount: 0,
  orderCount: 0,
  latestOrders: [],
  pendingCount: 0,
  preparingCount: 0,
  oldestPendingAt: null,
  oldestPendingOrder: null,
});
const dashboard: Dashboard = {
  tables: [busy(1, 7, order(1, 1, 7, 15_000)), busy(2, 8, order(2, 2, 8, 5000)), idle(3)],
};
const run = (actions: BoardAction[]) => actions.reduce(boardReducer, initialBoard);
const ev = (event: Extract<BoardAction, { type: 'event' }>['event']): BoardAction => ({
  type: 'event',
  event,
  at: 1000,
  live: true,
});
const snapshot: BoardAction = { type: 'snapshot', dashboard, calls: [] };
const table = (s: BoardState, id: number) => s.tables.find((x) => x.id === id)!;
const op = (from: number, to: number, sessionId: number) => ({
  fromTableId: from,
  toTableId: to,
  sessionId,
  fromTableNumber: from,
  toTableNumber: to,
});

describe('board table operations', () => {
  it('a move hands the session, total, counts and orders to the idle table; a repeat changes nothing', () => {
    const moved = ev({ type: 'table.moved', payload: op(1, 3, 7) });
    const s = run([snapshot, moved, moved]);
    expect(table(s, 1)).toMatchObject({
      sessionId: null,
      totalAmount: 0,
      orderCount: 0,
      pendingCount: 0,
      orders: [],
    });
    expect(table(s, 3)).toMatchObject({ sessionId: 7, totalAmount: 15_000, orderCount: 1, pendingCount: 1 });
    expect(table(s, 3).orders.map((o) => [o.id, o.tableNumber])).toEqual([[1, 3]]);
  });

  it("a merge adds the source's figures to the target's session", () => {
    const merged = ev({ type: 'table.merged', payload: op(2, 1, 7) });
    const s = run([snapshot, merged, merged]);
    expect(table(s, 2)).toMatchObject({ sessionId: null, totalAmount: 0, orderCount: 0 });
    expect(table(s, 1)).toMatchObject({ sessionId: 7, totalAmount: 20_000, orderCount: 2, pendingCount: 2 });
    expect(table(s, 1).oldestPendingAt).toBe('2025-01-01T09:01:00.000Z');
    expect(table(s, 1).orders.map((o) => o.id)).toEqual([2, 1]);
  });

  it('an amended order replaces the shown one and sets the table total', () => {
    const amended = { ...order(1, 1, 7, 9000), amended: true };
    const s = run([snapshot, ev({ type: 'order.amended', payload: { order: amended, tableTotal: 9000 } })]);
    expect(table(s, 1).totalAmount).toBe(9000);
    expect(table(s, 1).orders[0]).toMatchObject({ totalAmount: 9000, amended: true });
  });
});
