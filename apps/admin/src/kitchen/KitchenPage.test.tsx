import type { Dashboard, Order, StoreSettings } from '@table-order/contracts';
import { QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AuthProvider } from '../auth';
import { LiveBoardProvider } from '../board';
import { createQueryClient } from '../shared/api/query-client';
import { I18nProvider } from '../shared/i18n';
import { KitchenPage } from './KitchenPage';
import { UNDO_MS } from './use-kitchen';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function order(id: number, table: number, minutes: number, status: Order['status'] = 'pending'): Order {
  const at = minutesAgo(minutes);
  return {
    id,
    orderNumber: `20261203-${String(id).padStart(4, '0')}`,
    tableId: table,
    tableNumber: table,
    sessionId: 100 + table,
    status,
    note: '',
    totalAmount: 9000,
    createdAt: at,
    updatedAt: at,
    items: [{ menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 1, subtotal: 9000, options: [] }],
  };
}

const tableRow = (id: number, sessionId: number | null) => ({
  id,
  number: id,
  sessionId,
  totalAmount: 0,
  orderCount: 0,
  latestOrders: [],
  pendingCount: 0,
  preparingCount: 0,
  oldestPendingAt: null,
  oldestPendingOrder: null,
});

const settings: StoreSettings = {
  identifier: 'demo',
  name: '데모 식당',
  timeZone: 'Asia/Seoul',
  callReasons: ['물'],
  requestChips: [],
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
  kitchenAmberMinutes: 5,
  kitchenRedMinutes: 15,
};

const json = (body: unknown, status = 200) =>
  Promise.resolve(
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );

/** The API: dashboard, each open table's orders, settings, status changes, and a stream the test writes to. */
function fakeServer(ordersByTable: Record<number, Order[]>) {
  let stream: ReadableStreamDefaultController<Uint8Array> | undefined;
  let nextId = 1;
  const patches: { id: number; status: string }[] = [];
  const dashboard: Dashboard = { tables: [tableRow(1, 101), tableRow(2, 102), tableRow(3, null)] };
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const tableOrders = /\/admin\/tables\/(\d+)\/orders$/.exec(url);
      const one = /\/admin\/orders\/(\d+)$/.exec(url);
      if (url.endsWith('/admin/dashboard')) return json(dashboard);
      if (url.includes('/admin/calls')) return json({ calls: [] });
      if (url.endsWith('/admin/store')) return json(settings);
      if (tableOrders) return json({ orders: ordersByTable[Number(tableOrders[1])] ?? [] });
      if (one && init?.method === 'PATCH') {
        const { status } = JSON.parse(init.body as string) as { status: Order['status'] };
        const id = Number(one[1]);
        patches.push({ id, status });
        const found = Object.values(ordersByTable)
          .flat()
          .find((o) => o.id === id);
        return json({ ...found, status });
      }
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
      return json({ error: 'not_found', message: url }, 404);
    }),
  );
  return {
    patches,
    send(event: string, data: unknown) {
      const frame = `id: ${nextId++}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      act(() => {
        stream?.enqueue(new TextEncoder().encode(frame));
      });
    },
    streamOpen: () => stream !== undefined,
  };
}

function renderKitchen() {
  const queryClient = createQueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <AuthProvider>
          <LiveBoardProvider staleKeys={() => []}>
            <MemoryRouter>{children}</MemoryRouter>
          </LiveBoardProvider>
        </AuthProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  return render(<KitchenPage />, { wrapper });
}

/** The tickets' order numbers in screen order. */
const shown = () =>
  screen.queryAllByRole('article').map((a) => a.getAttribute('aria-label')?.split(' ').at(-1) ?? '');
const counts = { pendingCount: 0, preparingCount: 0, oldestPendingAt: null };

beforeEach(() => {
  localStorage.setItem(
    'table-order.admin.session',
    JSON.stringify({
      accessToken: 'tok',
      expiresAt: Date.now() + 3_600_000,
      store: { identifier: 'demo', name: '데모', timeZone: 'Asia/Seoul' },
      admin: { id: 1, username: 'cook', role: 'staff' },
    }),
  );
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('kitchen page', () => {
  it('lists every open order oldest first across tables and keeps the rail current from the stream', async () => {
    const server = fakeServer({
      1: [order(3, 1, 2), order(1, 1, 30, 'preparing'), order(2, 1, 20, 'completed')],
      2: [order(4, 2, 8)],
    });
    renderKitchen();
    await waitFor(() => {
      expect(shown()).toEqual(['0001', '0004', '0003']);
      expect(server.streamOpen()).toBe(true);
    });
    // Colours from the store's thresholds (amber 5, red 15 minutes).
    const level = (no: string) =>
      screen.getByRole('article', { name: new RegExp(`주문 ${no}$`) }).getAttribute('data-level');
    await waitFor(() => {
      expect(level('0001')).toBe('red');
    });
    expect(level('0004')).toBe('amber');
    expect(level('0003')).toBe('normal');

    const created = { ...order(5, 2, 0), sessionId: 102 };
    server.send('order.created', created);
    server.send('order.created', created); // a repeat is not a second ticket
    await waitFor(() => {
      expect(shown()).toEqual(['0001', '0004', '0003', '0005']);
    });
    server.send('order.updated', { orderId: 4, tableId: 2, status: 'preparing', ...counts });
    await waitFor(() => {
      expect(screen.getByRole('article', { name: /주문 0004$/ }).className).toContain('ticket--preparing');
    });
    server.send('order.updated', { orderId: 1, tableId: 1, status: 'completed', ...counts });
    server.send('order.deleted', { orderId: 3, tableId: 1, tableTotal: 0, ...counts });
    await waitFor(() => {
      expect(shown()).toEqual(['0004', '0005']);
    });
    server.send('table.checked_out', { tableId: 2, sessionId: 102, completedAt: new Date().toISOString() });
    await waitFor(() => {
      expect(shown()).toEqual([]);
    });
    expect(screen.getByText('대기 중인 주문이 없습니다.')).toBeTruthy();
  });

  it('bumps a ticket on; a completion can be undone for a minute, then it is sent', async () => {
    const server = fakeServer({ 1: [order(1, 1, 3), order(2, 1, 2)] });
    renderKitchen();
    await waitFor(() => {
      expect(shown()).toEqual(['0001', '0002']);
    });
    const head = (no: string) => screen.getByRole('button', { name: new RegExp(`주문 ${no} · `) });
    fireEvent.click(head('0001'));
    await waitFor(() => {
      expect(server.patches).toEqual([{ id: 1, status: 'preparing' }]);
    });
    expect(head('0001').textContent).toContain('준비중');

    // Completing takes the ticket off; 되돌리기 brings it back and nothing is sent.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    fireEvent.click(head('0001'));
    expect(shown()).toEqual(['0002']);
    expect(screen.getByText('1번 테이블 주문 0001 완료')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(UNDO_MS - 1000);
    });
    fireEvent.click(screen.getByRole('button', { name: '되돌리기' }));
    expect(shown()).toEqual(['0001', '0002']);
    act(() => {
      vi.advanceTimersByTime(UNDO_MS * 2);
    });
    expect(server.patches).toHaveLength(1);

    // Completed again and left alone: the completion goes out when the minute is up.
    fireEvent.click(head('0001'));
    act(() => {
      vi.advanceTimersByTime(UNDO_MS - 1);
    });
    expect(server.patches).toHaveLength(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    vi.useRealTimers();
    await waitFor(() => {
      expect(server.patches).toEqual([
        { id: 1, status: 'preparing' },
        { id: 1, status: 'completed' },
      ]);
    });
    expect(screen.queryByRole('button', { name: '되돌리기' })).toBeNull();
    expect(shown()).toEqual(['0002']);
  });

  it('sends a completion still held when the page went away on the next start', async () => {
    localStorage.setItem('table-order.kitchen.held', JSON.stringify({ id: 2, tableId: 1 }));
    const server = fakeServer({ 1: [order(1, 1, 3), order(2, 1, 2, 'preparing')] });
    renderKitchen();
    await waitFor(() => {
      expect(server.patches).toEqual([{ id: 2, status: 'completed' }]);
    });
    await waitFor(() => {
      expect(shown()).toEqual(['0001']);
    });
    expect(localStorage.getItem('table-order.kitchen.held')).toBeNull();
  });
});
