import type { Dashboard, Order } from '@table-order/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { createQueryClient } from '../shared/api/query-client';
import { BoardPage } from './BoardPage';
import { LiveBoardProvider } from './live-board';

// Move, merge and partial cancel on the board (SPEC 12), against a fake API that records the requests.

const at = '2025-01-01T09:00:00.000Z';
const order6: Order = {
  id: 6,
  orderNumber: '20250101-0006',
  tableId: 1,
  tableNumber: 1,
  sessionId: 101,
  status: 'pending',
  note: '',
  totalAmount: 22_000,
  createdAt: at,
  updatedAt: at,
  amended: true,
  items: [
    {
      id: 61,
      menuItemId: 1,
      name: '김치찌개',
      unitPrice: 9000,
      quantity: 2,
      subtotal: 18_000,
      cancelledQuantity: 1,
    },
    {
      id: 62,
      menuItemId: 3,
      name: '콜라',
      unitPrice: 2000,
      quantity: 2,
      subtotal: 4000,
      cancelledQuantity: 0,
    },
  ],
  audit: [{ action: 'created', username: null, at }],
};

const table = (id: number, sessionId: number | null, total: number, count: number, orders: Order[] = []) => ({
  id,
  number: id,
  sessionId,
  totalAmount: total,
  orderCount: count,
  latestOrders: orders,
  pendingCount: orders.length,
  preparingCount: 0,
  oldestPendingAt: orders.length > 0 ? at : null,
  oldestPendingOrder: orders[0] ?? null,
});

function fakeServer() {
  const dashboard: Dashboard = {
    tables: [
      table(1, 101, 22_000, 1, [order6]),
      table(2, 102, 9000, 1),
      table(3, null, 0, 0),
      table(4, null, 0, 0),
    ],
  };
  const requests: { method: string; url: string; body: unknown }[] = [];
  const json = (data: unknown) =>
    Promise.resolve(new Response(JSON.stringify(data), { headers: { 'content-type': 'application/json' } }));
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
      if (method !== 'GET') requests.push({ method, url, body });
      if (url.endsWith('/admin/dashboard')) return json(dashboard);
      if (url.includes('/admin/calls')) return json({ calls: [] });
      if (url.endsWith('/admin/orders/6')) return json(order6);
      if (url.endsWith('/admin/tables/1/move')) {
        dashboard.tables = [
          table(1, null, 0, 0),
          table(2, 102, 9000, 1),
          table(3, 101, 22_000, 1),
          table(4, null, 0, 0),
        ];
        return json({ fromTableId: 1, toTableId: 3, sessionId: 101, fromTableNumber: 1, toTableNumber: 3 });
      }
      if (url.endsWith('/admin/orders/6/cancel-lines')) {
        const amended = {
          ...order6,
          totalAmount: 13_000,
          items: [
            { ...order6.items[0]!, quantity: 1, subtotal: 9000, cancelledQuantity: 2 },
            order6.items[1]!,
          ],
        };
        return json({ order: amended, tableTotal: 13_000 });
      }
      if (url.endsWith('/admin/events'))
        return Promise.resolve(
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                controller.enqueue(new TextEncoder().encode('id: 0\n\n'));
              },
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
        );
      return Promise.resolve(new Response('{}', { status: 404 }));
    }),
  );
  return { requests };
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

beforeEach(() => {
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

describe('table operations on the board', () => {
  it('moves a table through a picker that offers only idle tables, after a confirmation naming both', async () => {
    const { requests } = fakeServer();
    renderBoard();
    fireEvent.click(await screen.findByRole('button', { name: '테이블 이동: 테이블 1' }));
    const dialog = await screen.findByRole('dialog', { name: '테이블 1 이동' });
    const offered = within(dialog)
      .getAllByRole('button')
      .map((b) => b.textContent)
      .filter((x) => x?.startsWith('테이블'));
    expect(offered).toEqual(['테이블 3', '테이블 4']);
    fireEvent.click(within(dialog).getByRole('button', { name: '테이블 3' }));
    expect(dialog.textContent).toContain('테이블 1의 주문 1건(22,000원)을 테이블 3(으)로 이동할까요?');
    fireEvent.click(within(dialog).getByRole('button', { name: '이동' }));
    await waitFor(() => {
      expect(card(3).textContent).toContain('22,000원');
    });
    expect(card(1).textContent).toContain('0원');
    expect(requests).toEqual([
      { method: 'POST', url: expect.stringContaining('/admin/tables/1/move'), body: { toTableId: 3 } },
    ]);
  });

  it('merges through a picker that offers only busy tables', async () => {
    fakeServer();
    renderBoard();
    fireEvent.click(await screen.findByRole('button', { name: '테이블 1 합석' }));
    const dialog = await screen.findByRole('dialog', { name: '테이블 1 합석' });
    expect(within(dialog).getByRole('button', { name: /테이블 2/ }).textContent).toContain(
      '주문 1건 · 9,000원',
    );
    expect(within(dialog).queryByRole('button', { name: /테이블 3/ })).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: /테이블 2/ }));
    expect(dialog.textContent).toContain('테이블 2의 주문 1건(9,000원)을 테이블 1에 합칠까요?');
  });

  it('cancels part of an order with −/+, shows cancelled quantities struck through, and confirms items and amount', async () => {
    const { requests } = fakeServer();
    renderBoard();
    fireEvent.click(
      await within(await screen.findByRole('article', { name: '테이블 1' })).findByRole('button', {
        name: /주문 #0006/,
      }),
    );
    const drawer = await screen.findByRole('dialog', { name: /#0006/ });
    const struck = await waitFor(() => {
      const del = drawer.querySelector('del');
      expect(del).not.toBeNull();
      return del!;
    });
    expect(struck.textContent).toBe('취소 1');
    fireEvent.click(within(drawer).getByRole('button', { name: '주문 #0006 부분 취소' }));
    const dialog = await screen.findByRole('dialog', { name: '주문 #0006 부분 취소' });
    const confirm = within(dialog).getByRole('button', { name: '취소 확정' });
    expect(confirm).toHaveProperty('disabled', true);
    // Every item cancelled is the order delete: refused here.
    for (const name of ['김치찌개', '김치찌개', '콜라', '콜라'])
      fireEvent.click(within(dialog).getByRole('button', { name: `${name} 취소 수량 늘리기` }));
    expect(within(dialog).getByRole('button', { name: '김치찌개 취소 수량 늘리기' })).toHaveProperty(
      'disabled',
      true,
    );
    expect(dialog.textContent).toContain('모든 품목을 취소할 수는 없습니다');
    expect(confirm).toHaveProperty('disabled', true);
    fireEvent.click(within(dialog).getByRole('button', { name: '김치찌개 취소 수량 줄이기' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '콜라 취소 수량 줄이기' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '콜라 취소 수량 줄이기' }));
    expect(dialog.textContent).toContain('김치찌개 1 취소 · 테이블 합계에서 9,000원 차감');
    fireEvent.click(confirm);
    const sure = await screen.findByRole('alertdialog');
    expect(sure.textContent).toContain('김치찌개 1 취소 · 테이블 합계에서 9,000원 차감');
    fireEvent.click(within(sure).getByRole('button', { name: '취소 확정' }));
    await waitFor(() => {
      expect(card(1).textContent).toContain('13,000원');
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: expect.stringContaining('/admin/orders/6/cancel-lines'),
        body: { lines: [{ lineId: 61, quantity: 1 }] },
      },
    ]);
  });
});
