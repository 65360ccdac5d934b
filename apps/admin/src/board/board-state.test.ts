import type { Call, Dashboard, Order } from '@table-order/contracts';
import { describe, expect, it } from 'vitest';
import {
  cardRows,
  boardReducer,
  initialBoard,
  openCalls,
  pendingCount,
  type BoardAction,
  type BoardState,
} from './board-state';

function order(
  id: number,
  tableId: number,
  sessionId: number,
  totalAmount = 10_000,
  status: Order['status'] = 'pending',
): Order {
  return {
    id,
    orderNumber: `20250101-${String(id).padStart(4, '0')}`,
    tableId,
    tableNumber: tableId,
    sessionId,
    status,
    note: '',
    totalAmount,
    createdAt: '2025-01-01T09:00:00.000Z',
    updatedAt: '2025-01-01T09:00:00.000Z',
    items: [
      {
        menuItemId: 1,
        name: '김치찌개',
        unitPrice: totalAmount,
        quantity: 1,
        subtotal: totalAmount,
        options: [],
      },
    ],
  };
}

const idle = { pendingCount: 0, preparingCount: 0, oldestPendingAt: null };
const dashboard: Dashboard = {
  tables: [
    {
      id: 2,
      number: 2,
      sessionId: null,
      totalAmount: 0,
      orderCount: 0,
      latestOrders: [],
      oldestPendingOrder: null,
      ...idle,
    },
    {
      id: 1,
      number: 1,
      sessionId: 7,
      totalAmount: 15_000,
      orderCount: 1,
      latestOrders: [order(10, 1, 7, 15_000)],
      oldestPendingOrder: order(10, 1, 7, 15_000),
      pendingCount: 1,
      preparingCount: 0,
      oldestPendingAt: '2025-01-01T09:00:00.000Z',
    },
  ],
};

const run = (actions: BoardAction[], from: BoardState = initialBoard) => actions.reduce(boardReducer, from);
const snapshot: BoardAction = { type: 'snapshot', dashboard, calls: [] };
const ev = (event: Extract<BoardAction, { type: 'event' }>['event'], live = true): BoardAction => ({
  type: 'event',
  event,
  at: 1000,
  live,
});
const table = (s: BoardState, id: number) => {
  const t = s.tables.find((x) => x.id === id);
  if (!t) throw new Error(`table ${id} missing`);
  return t;
};

describe('board reducer', () => {
  it('loads a snapshot in table-number order', () => {
    const s = run([snapshot]);
    expect(s.loaded).toBe(true);
    expect(s.tables.map((t) => t.number)).toEqual([1, 2]);
    expect(pendingCount(s.tables)).toBe(1);
  });

  it('adds a created order to its table once, opening an idle table and marking it for the pulse', () => {
    const created = ev({ type: 'order.created', payload: order(11, 2, 8, 9_000) });
    const s = run([snapshot, created, created]);
    const t2 = table(s, 2);
    expect(t2.sessionId).toBe(8);
    expect(t2.totalAmount).toBe(9_000);
    expect(t2.orderCount).toBe(1);
    expect(t2.orders.map((o) => o.id)).toEqual([11]);
    expect(t2.arrived[11]).toBe(1000);
  });

  it('keeps the newest order first and adds to the total', () => {
    const s = run([snapshot, ev({ type: 'order.created', payload: order(12, 1, 7, 5_000) })]);
    expect(table(s, 1).orders.map((o) => o.id)).toEqual([12, 10]);
    expect(table(s, 1).totalAmount).toBe(20_000);
    expect(table(s, 1).orderCount).toBe(2);
  });

  it('moves status forward only, whatever order the updates arrive in', () => {
    const toCompleted = ev({
      type: 'order.updated',
      payload: { orderId: 10, tableId: 1, status: 'completed' },
    });
    const toPreparing = ev({
      type: 'order.updated',
      payload: { orderId: 10, tableId: 1, status: 'preparing' },
    });
    const s = run([snapshot, toCompleted, toPreparing]);
    expect(table(s, 1).orders[0]?.status).toBe('completed');
    expect(pendingCount(s.tables)).toBe(0);
  });

  it('removes a deleted order, takes the new total, and ignores the echo of the same delete', () => {
    const del = ev({ type: 'order.deleted', payload: { orderId: 10, tableId: 1, tableTotal: 0 } });
    const s = run([snapshot, del, del]);
    expect(table(s, 1).orders).toEqual([]);
    expect(table(s, 1).totalAmount).toBe(0);
    expect(table(s, 1).orderCount).toBe(0);
    // A late `order.created` for the deleted order does not bring it back.
    const late = run([ev({ type: 'order.created', payload: order(10, 1, 7, 15_000) })], s);
    expect(table(late, 1).orders).toEqual([]);
  });

  it('clears the table on checkout and ignores late orders of the closed session', () => {
    const checkout = ev({
      type: 'table.checked_out',
      payload: { tableId: 1, sessionId: 7, completedAt: '2025-01-01T10:00:00.000Z' },
    });
    const s = run([snapshot, checkout, checkout, ev({ type: 'order.created', payload: order(13, 1, 7) })]);
    const t1 = table(s, 1);
    expect(t1.sessionId).toBeNull();
    expect(t1.totalAmount).toBe(0);
    expect(t1.orders).toEqual([]);
    // The next party starts a new session.
    const next = run([ev({ type: 'order.created', payload: order(14, 1, 9, 3_000) })], s);
    expect(table(next, 1)).toMatchObject({ sessionId: 9, totalAmount: 3_000, orderCount: 1 });
  });

  it('a resync snapshot replaces the tables but keeps the pulse of orders that are still there', () => {
    const s1 = run([snapshot, ev({ type: 'order.created', payload: order(12, 1, 7, 5_000) })]);
    const resynced: Dashboard = {
      tables: [
        {
          id: 1,
          number: 1,
          sessionId: 7,
          totalAmount: 20_000,
          orderCount: 2,
          latestOrders: [order(10, 1, 7, 15_000, 'preparing'), order(12, 1, 7, 5_000)],
          oldestPendingOrder: order(12, 1, 7, 5_000),
          pendingCount: 1,
          preparingCount: 1,
          oldestPendingAt: '2025-01-01T09:00:00.000Z',
        },
      ],
    };
    const s2 = run([{ type: 'snapshot', dashboard: resynced, calls: [] }], s1);
    expect(s2.tables.map((t) => t.id)).toEqual([1]);
    expect(table(s2, 1).orders.map((o) => [o.id, o.status])).toEqual([
      [12, 'pending'],
      [10, 'preparing'],
    ]);
    expect(table(s2, 1).arrived).toEqual({ 12: 1000 });
  });

  it('places an order of a table created after the snapshot by its number', () => {
    const s = run([
      snapshot,
      ev({ type: 'order.created', payload: { ...order(20, 5, 30), tableNumber: 0 } }),
    ]);
    expect(s.tables.map((t) => t.id)).toEqual([5, 1, 2]);
  });

  it("keeps unchanged tables' objects so their cards do not re-render", () => {
    const s1 = run([snapshot]);
    const s2 = run([ev({ type: 'order.created', payload: order(11, 2, 8) })], s1);
    expect(s2.tables[0]).toBe(s1.tables[0]);
    expect(s2.tables[1]).not.toBe(s1.tables[1]);
  });

  it("this screen's own status answer does not move an order backwards", () => {
    const s1 = run([
      snapshot,
      ev({ type: 'order.updated', payload: { orderId: 10, tableId: 1, status: 'completed' } }),
    ]);
    const s2 = run([{ type: 'order', order: order(10, 1, 7, 15_000, 'preparing') }], s1);
    expect(table(s2, 1).orders[0]?.status).toBe('completed');
  });

  it('shows open staff calls on their table, newest first, and drops each once acknowledged', () => {
    const call = (id: number, tableId: number): Call => ({
      id,
      tableId,
      tableNumber: tableId,
      reasons: ['물'],
      message: null,
      status: 'open',
      createdAt: '2025-01-01T09:00:00.000Z',
      acknowledgedAt: null,
    });
    const acked = (callId: number, tableId: number) =>
      ev({ type: 'call.acknowledged', payload: { callId, tableId, acknowledgedAt: 'x' } });
    const s = run([
      { type: 'snapshot', dashboard, calls: [call(3, 2), { ...call(4, 1), status: 'acknowledged' }] },
      ev({ type: 'call.created', payload: call(5, 2) }),
      ev({ type: 'call.created', payload: call(5, 2) }),
      ev({ type: 'call.created', payload: call(6, 1) }),
    ]);
    expect(table(s, 2).calls.map((c) => c.id)).toEqual([5, 3]);
    expect(table(s, 1).calls.map((c) => c.id)).toEqual([6]);
    expect(openCalls(s.tables).map((c) => c.id)).toEqual([3, 5, 6]);
    // Acknowledged here and then echoed by the stream, or repeated: gone once, and a late create stays out.
    const s2 = run([acked(5, 2), acked(5, 2), ev({ type: 'call.created', payload: call(5, 2) })], s);
    expect(table(s2, 2).calls.map((c) => c.id)).toEqual([3]);
    // A call of a table added after the snapshot puts the table on the board.
    const s3 = run([ev({ type: 'call.created', payload: { ...call(7, 9), tableNumber: 9 } })], s2);
    expect(s3.tables.map((t) => t.number)).toEqual([1, 2, 9]);
  });

  it('checkout closes the table’s open calls', () => {
    const call: Call = {
      id: 8,
      tableId: 1,
      tableNumber: 1,
      reasons: [],
      message: '계산서',
      status: 'open',
      createdAt: '2025-01-01T09:00:00.000Z',
      acknowledgedAt: null,
    };
    const s = run([
      snapshot,
      ev({ type: 'call.created', payload: call }),
      ev({ type: 'table.checked_out', payload: { tableId: 1, sessionId: 7, completedAt: 'x' } }),
    ]);
    expect(table(s, 1).calls).toEqual([]);
    // An idle table's calls go too: checkout closed them on the server.
    const idle = run([
      snapshot,
      ev({ type: 'call.created', payload: { ...call, tableId: 2, tableNumber: 2 } }),
      ev({ type: 'table.checked_out', payload: { tableId: 2, sessionId: 3, completedAt: 'x' } }),
    ]);
    expect(table(idle, 2).calls).toEqual([]);
  });
});

describe('card rows', () => {
  it('keeps the oldest pending order of a snapshot on the card, though older than the latest 3', () => {
    const withOld: Dashboard = {
      tables: [
        {
          id: 1,
          number: 1,
          sessionId: 7,
          totalAmount: 60_000,
          orderCount: 6,
          latestOrders: [order(16, 1, 7), order(15, 1, 7, 10_000, 'completed'), order(14, 1, 7)],
          oldestPendingOrder: order(11, 1, 7),
          pendingCount: 3,
          preparingCount: 0,
          oldestPendingAt: '2025-01-01T08:00:00.000Z',
        },
      ],
    };
    const s = run([{ type: 'snapshot', dashboard: withOld, calls: [] }]);
    expect(table(s, 1).orders.map((o) => o.id)).toEqual([16, 15, 14, 11]);
    expect(cardRows(table(s, 1), 4).map((o) => o.id)).toEqual([16, 15, 14, 11]);
    // More orders arrive live: the newest fill the card but the oldest pending one keeps the last row.
    const later = run(
      [
        ev({ type: 'order.created', payload: order(17, 1, 7) }),
        ev({ type: 'order.created', payload: order(18, 1, 7) }),
      ],
      s,
    );
    expect(cardRows(table(later, 1), 4).map((o) => o.id)).toEqual([18, 17, 16, 11]);
  });
});

describe('board attention counts', () => {
  // Table 1 has six orders; the snapshot carries the newest 3 (none pending) and the counts of all.
  const older: Dashboard = {
    tables: [
      {
        id: 1,
        number: 1,
        sessionId: 7,
        totalAmount: 60_000,
        orderCount: 6,
        latestOrders: [
          order(16, 1, 7, 10_000, 'preparing'),
          order(15, 1, 7, 10_000, 'completed'),
          order(14, 1, 7, 10_000, 'completed'),
        ],
        // As a server without the field answered: the counts alone still drive the attention.
        oldestPendingOrder: null,
        pendingCount: 2,
        preparingCount: 2,
        oldestPendingAt: '2025-01-01T08:00:00.000Z',
      },
      {
        id: 2,
        number: 2,
        sessionId: 8,
        totalAmount: 0,
        orderCount: 0,
        latestOrders: [],
        oldestPendingOrder: null,
        ...idle,
      },
    ],
  };
  const loaded = () => run([{ type: 'snapshot', dashboard: older, calls: [] }]);
  const counts = (s: BoardState, id: number) => {
    const { pendingCount, preparingCount, oldestPendingAt } = table(s, id);
    return { pendingCount, preparingCount, oldestPendingAt };
  };

  it('counts pending orders from the API, not from the 3 orders a card carries', () => {
    const s = loaded();
    expect(pendingCount(s.tables)).toBe(2);
    expect(counts(s, 1)).toEqual({
      pendingCount: 2,
      preparingCount: 2,
      oldestPendingAt: '2025-01-01T08:00:00.000Z',
    });
  });

  it('takes the counts a status change of an order it does not know carries', () => {
    const s = run(
      [
        ev({
          type: 'order.updated',
          payload: {
            orderId: 11,
            tableId: 1,
            status: 'preparing',
            pendingCount: 1,
            preparingCount: 3,
            oldestPendingAt: '2025-01-01T08:30:00.000Z',
          },
        }),
      ],
      loaded(),
    );
    expect(counts(s, 1)).toEqual({
      pendingCount: 1,
      preparingCount: 3,
      oldestPendingAt: '2025-01-01T08:30:00.000Z',
    });
    expect(pendingCount(s.tables)).toBe(1);
  });

  it('counts a new order once, and keeps the oldest pending time', () => {
    const created = ev({
      type: 'order.created',
      payload: { ...order(17, 1, 7), createdAt: '2025-01-01T10:00:00.000Z' },
    });
    const s = run([created, created], loaded());
    expect(counts(s, 1)).toEqual({
      pendingCount: 3,
      preparingCount: 2,
      oldestPendingAt: '2025-01-01T08:00:00.000Z',
    });
    // A table with nothing pending: its first pending order is the oldest.
    const other = run([ev({ type: 'order.created', payload: order(18, 2, 8) })], loaded());
    expect(counts(other, 2)).toEqual({
      pendingCount: 1,
      preparingCount: 0,
      oldestPendingAt: '2025-01-01T09:00:00.000Z',
    });
  });

  it("moves the counts with this screen's own status change, then takes the stream's exact ones once", () => {
    const s1 = run([ev({ type: 'order.created', payload: order(17, 2, 8) })], loaded());
    const own = ev(
      { type: 'order.updated', payload: { orderId: 17, tableId: 2, status: 'preparing' } },
      false,
    );
    const s2 = run([own, own], s1);
    expect(counts(s2, 2)).toEqual({ pendingCount: 0, preparingCount: 1, oldestPendingAt: null });
    const echo = ev({
      type: 'order.updated',
      payload: {
        orderId: 17,
        tableId: 2,
        status: 'preparing',
        pendingCount: 0,
        preparingCount: 1,
        oldestPendingAt: null,
      },
    });
    const s3 = run([echo], s2);
    expect(s3.tables).toBe(s2.tables);
  });

  it('a deleted order leaves the counts, own delete first or stream first', () => {
    const s1 = run([ev({ type: 'order.created', payload: order(17, 2, 8) })], loaded());
    const own = ev({ type: 'order.deleted', payload: { orderId: 17, tableId: 2, tableTotal: 0 } }, false);
    expect(counts(run([own], s1), 2)).toEqual(idle);
    const streamed = ev({
      type: 'order.deleted',
      payload: { orderId: 17, tableId: 2, tableTotal: 0, ...idle },
    });
    expect(counts(run([streamed, own], s1), 2)).toEqual(idle);
    // An older order this screen never saw: the stream's counts say what changed.
    const unseen = ev({
      type: 'order.deleted',
      payload: {
        orderId: 11,
        tableId: 1,
        tableTotal: 50_000,
        pendingCount: 1,
        preparingCount: 2,
        oldestPendingAt: '2025-01-01T08:30:00.000Z',
      },
    });
    expect(counts(run([unseen], loaded()), 1).pendingCount).toBe(1);
  });

  it('checkout clears the counts', () => {
    const s = run(
      [
        ev({
          type: 'table.checked_out',
          payload: { tableId: 1, sessionId: 7, completedAt: '2025-01-01T11:00:00.000Z' },
        }),
      ],
      loaded(),
    );
    expect(counts(s, 1)).toEqual(idle);
    expect(pendingCount(s.tables)).toBe(0);
  });
});
