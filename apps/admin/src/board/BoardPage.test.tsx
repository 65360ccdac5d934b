import type { Dashboard, Order } from '@table-order/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { createQueryClient } from '../shared/api/query-client';
import { BoardPage } from './BoardPage';
import { LiveBoardProvider } from './live-board';

function order(id: number, tableId: number, status: Order['status'], createdAt: string): Order {
  return {
    id,
    orderNumber: `20250101-${String(id).padStart(4, '0')}`,
    tableId,
    tableNumber: tableId,
    sessionId: 100 + tableId,
    status,
    note: '',
    totalAmount: 9000,
    createdAt,
    updatedAt: createdAt,
    items: [{ menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 1, subtotal: 9000 }],
  };
}

// Table 1: five orders; the newest 3 are not pending, but 2 older ones are. Table 2: one pending order.
const dashboard: Dashboard = {
  tables: [
    {
      id: 1,
      number: 1,
      sessionId: 101,
      totalAmount: 45_000,
      orderCount: 5,
      latestOrders: [
        {
          ...order(5, 1, 'preparing', '2025-01-01T09:40:00.000Z'),
          note: '아이 먹을 거라 안 맵게 해 주시고 앞접시 두 개 부탁드려요',
        },
        order(4, 1, 'completed', '2025-01-01T09:30:00.000Z'),
        order(3, 1, 'completed', '2025-01-01T09:20:00.000Z'),
      ],
      oldestPendingOrder: order(1, 1, 'pending', '2025-01-01T09:00:00.000Z'),
      pendingCount: 2,
      preparingCount: 1,
      oldestPendingAt: '2025-01-01T09:00:00.000Z',
    },
    {
      id: 2,
      number: 2,
      sessionId: 102,
      totalAmount: 9000,
      orderCount: 1,
      latestOrders: [order(6, 2, 'pending', '2025-01-01T09:50:00.000Z')],
      oldestPendingOrder: order(6, 2, 'pending', '2025-01-01T09:50:00.000Z'),
      pendingCount: 1,
      preparingCount: 0,
      oldestPendingAt: '2025-01-01T09:50:00.000Z',
    },
    {
      id: 3,
      number: 3,
      sessionId: null,
      totalAmount: 0,
      orderCount: 0,
      latestOrders: [],
      oldestPendingOrder: null,
      pendingCount: 0,
      preparingCount: 0,
      oldestPendingAt: null,
    },
  ],
};

/** Stands in for the API: the dashboard snapshot, and an event stream the test writes frames to. */
function fakeServer() {
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  let nextId = 1;
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => {
      if (url.endsWith('/admin/dashboard'))
        return Promise.resolve(
          new Response(JSON.stringify(dashboard), { headers: { 'content-type': 'application/json' } }),
        );
      if (url.includes('/admin/calls'))
        return Promise.resolve(
          new Response(JSON.stringify({ calls: [] }), { headers: { 'content-type': 'application/json' } }),
        );
      if (url.endsWith('/admin/events'))
        return Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                stream = controller;
                controller.enqueue(new TextEncoder().encode('id: 0\n\n'));
              },
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
        );
      return Promise.resolve(new Response('{}', { status: 404 }));
    }),
  );
  return {
    send(event: string, data: unknown) {
      const frame = `id: ${nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      stream?.enqueue(new TextEncoder().encode(frame));
    },
    streamOpen: () => stream !== undefined,
  };
}

function renderBoard() {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AuthProvider>
        <LiveBoardProvider staleKeys={() => []}>
          <MemoryRouter>{children}</MemoryRouter>
        </LiveBoardProvider>
      </AuthProvider>
    </QueryClientProvider>
  );
  return render(<BoardPage />, { wrapper });
}

const card = (n: number) => screen.getByRole('article', { name: `테이블 ${n}` });
const summary = () => document.querySelector('.toolbar__summary')?.textContent ?? '';

beforeEach(() => {
  // A signed-in session as the auth feature stores it.
  localStorage.setItem(
    'table-order.admin.session',
    JSON.stringify({
      accessToken: 'tok',
      expiresAt: Date.now() + 3_600_000,
      store: { identifier: 'demo', name: '데모', timeZone: 'Asia/Seoul' },
      admin: { id: 1, username: 'admin' },
    }),
  );
});
afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('board attention', () => {
  it('after a load, counts and highlights every pending order, not only those among the latest 3', async () => {
    fakeServer();
    renderBoard();
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
    });
    expect(card(1).className).toContain('card--pending');
    expect(card(1).textContent).toContain('신규 2');
    expect(card(2).className).toContain('card--pending');
    expect(card(3).className).not.toContain('card--pending');
    // Table 1's oldest pending order is older than its latest 3, and still on the card (not behind "more").
    const rows = within(card(1)).getAllByRole('button', { name: /^주문 #/ });
    expect(rows.map((r) => r.textContent)).toEqual([
      expect.stringContaining('#0005'),
      expect.stringContaining('#0004'),
      expect.stringContaining('#0003'),
      expect.stringContaining('#0001'),
    ]);
    expect(rows[3]!.textContent).toContain('대기');
    expect(within(card(1)).getByRole('button', { name: '테이블 1 주문 1건 더 보기' }).textContent).toContain(
      '1',
    );
  });

  it('shows a note marker and the first words of an order note on the card', async () => {
    fakeServer();
    renderBoard();
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
    });
    const row = within(card(1)).getByRole('button', { name: /^주문 #0005/ });
    expect(row.textContent).toContain('요청사항');
    expect(row.textContent).toContain('아이 먹을 거라 안 맵게 해 주시고 앞접시…');
    expect(row.textContent).not.toContain('부탁드려요');
    expect(within(card(1)).getByRole('button', { name: /^주문 #0005.*요청사항 아이 먹을 거라/ })).toBe(row);
    expect(within(card(2)).getByRole('button', { name: /^주문 #0006/ }).textContent).not.toContain(
      '요청사항',
    );
  });

  it('checkout names the orders still pending or preparing', async () => {
    fakeServer();
    renderBoard();
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
    });
    fireEvent.click(within(card(1)).getByRole('button', { name: '테이블 1 이용 완료' }));
    const dialog = await screen.findByRole('alertdialog', { name: '이용 완료' });
    expect(dialog.textContent).toContain('아직 끝나지 않은 주문이 있습니다: 대기중 2건, 준비중 1건.');
  });

  it('gives the focus back to the order row when the drawer closes with Escape', async () => {
    fakeServer();
    renderBoard();
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
    });
    const row = within(card(2)).getByRole('button', { name: /^주문 #0006/ });
    row.focus();
    fireEvent.click(row);
    const drawer = document.querySelector('dialog.modal--drawer')!;
    expect(drawer).toBeTruthy();
    // As in a browser, the focus is inside the drawer while it is open.
    within(drawer as HTMLElement)
      .getByRole('button', { name: '닫기' })
      .focus();
    expect(drawer.contains(document.activeElement)).toBe(true);
    act(() => {
      drawer.dispatchEvent(new Event('cancel', { cancelable: true }));
    });
    await waitFor(() => {
      expect(document.querySelector('dialog.modal--drawer')).toBeNull();
    });
    expect(document.activeElement).toBe(within(card(2)).getByRole('button', { name: /^주문 #0006/ }));
  });

  it('keeps the counts right as orders are placed, moved on and checked out', async () => {
    const server = fakeServer();
    renderBoard();
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
      expect(server.streamOpen()).toBe(true);
    });
    const send = (event: string, data: unknown) => {
      act(() => {
        server.send(event, data);
      });
    };

    // An older pending order of table 1 (not on its card) is moved on.
    send('order.updated', {
      orderId: 1,
      tableId: 1,
      status: 'preparing',
      pendingCount: 1,
      preparingCount: 2,
      oldestPendingAt: '2025-01-01T09:10:00.000Z',
    });
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 2건');
    });
    expect(card(1).textContent).toContain('신규 1');

    // A new order on the idle table.
    send('order.created', { ...order(7, 3, 'pending', '2025-01-01T10:00:00.000Z'), sessionId: 103 });
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 3건');
    });
    expect(card(3).className).toContain('card--pending');

    // The last pending order of table 1 is moved on: no attention left there.
    send('order.updated', {
      orderId: 2,
      tableId: 1,
      status: 'completed',
      pendingCount: 0,
      preparingCount: 2,
      oldestPendingAt: null,
    });
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 2건');
    });
    expect(card(1).className).not.toContain('card--pending');

    // Table 2 checks out with its pending order.
    send('table.checked_out', { tableId: 2, sessionId: 102, completedAt: '2025-01-01T11:00:00.000Z' });
    await waitFor(() => {
      expect(summary()).toContain('대기 주문 1건');
    });
    expect(card(2).className).not.toContain('card--pending');
  });
});
