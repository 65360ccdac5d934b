import type { Order } from '@table-order/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CartProvider, useCart, type CartApi } from '../cart';
import { SessionContext } from '../shared/api/session-context';
import { TableSession } from '../shared/api/table-session';
import { I18nProvider } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { ToastProvider } from '../shared/ui/Toast';
import { OutboxProvider } from './outbox-context';
import { ReviewDialog } from './ReviewDialog';

const placed = (key: string): Order => ({
  id: 1,
  orderNumber: '20250101-0001',
  tableId: 3,
  tableNumber: 3,
  sessionId: 1,
  status: 'pending',
  note: key,
  totalAmount: 9000,
  createdAt: '2025-01-01T03:00:00.000Z',
  updatedAt: '2025-01-01T03:00:00.000Z',
  items: [],
});

/** The review of a cart with one 김치찌개 (9,000원), against a fake server that answers `answers` in turn. */
function setup(answers: number[]) {
  const keys: string[] = [];
  const fetchFn = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : input.toString();
    if (url.endsWith('/auth/table/login'))
      return Promise.resolve(
        Response.json({
          accessToken: 't',
          tokenType: 'Bearer',
          expiresAt: '2999-01-01T00:00:00.000Z',
          store: { identifier: 'demo', name: '데모', timeZone: 'Asia/Seoul' },
          table: { id: 3, number: 3 },
        }),
      );
    if (url.endsWith('/table/orders') && init?.method === 'POST') {
      const key = new Headers(init.headers).get('idempotency-key') ?? '';
      keys.push(key);
      const status = answers[keys.length - 1] ?? 201;
      return Promise.resolve(
        status === 201
          ? Response.json(placed(key), { status })
          : Response.json({ error: 'service_unavailable', message: 'down' }, { status }),
      );
    }
    return Promise.resolve(new Response(null, { status: 404 }));
  };
  const session = new TableSession({ storeIdentifier: 'demo', tableNumber: 3, password: '1234' }, null, {
    fetch: fetchFn,
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onPlaced = vi.fn();
  const onQueued = vi.fn();
  let cartApi: CartApi | undefined;
  function Grab() {
    cartApi = useCart();
    return null;
  }
  const ui = (open = true) => (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ToastProvider>
          <SessionContext value={session}>
            <CartProvider storeIdentifier="demo" tableNumber={3}>
              <OutboxProvider storeIdentifier="demo" tableNumber={3}>
                <Grab />
                {open && (
                  <ReviewDialog
                    availability={() => 'available'}
                    onClose={() => undefined}
                    onPlaced={onPlaced}
                    onQueued={onQueued}
                  />
                )}
              </OutboxProvider>
            </CartProvider>
          </SessionContext>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  // The cart holds one 김치찌개 before the review opens.
  const view = render(ui(false));
  act(() => {
    cartApi!.add({ id: 1, name: '김치찌개', price: 9000 });
  });
  view.rerender(ui());
  return { keys, onPlaced, onQueued, cart: () => cartApi! };
}

afterEach(() => {
  cleanup();
  localStorage.clear();
  vi.useRealTimers();
});

describe('ReviewDialog', () => {
  it('puts an order that got no answer (503) into the outbox with its key, empties the cart, and sends it once the server answers', async () => {
    const { keys, onPlaced, onQueued, cart } = setup([503, 201]);
    fireEvent.click(screen.getByRole('button', { name: '9,000원 주문하기' }));
    await waitFor(() => {
      expect(onQueued).toHaveBeenCalledOnce();
    });
    expect(cart().cart.lines).toEqual([]);
    // The outbox sends it at once (the fake server now answers 201), with the same key.
    await waitFor(() => {
      expect(keys).toHaveLength(2);
    });
    expect(keys[1]).toBe(keys[0]);
    await waitFor(() => {
      expect(localStorage.getItem('table-order:outbox:demo:3')).toBeNull();
    });
    expect(onPlaced).not.toHaveBeenCalled();
  });

  it('places an answered order directly, with nothing queued', async () => {
    const { keys, onPlaced, onQueued } = setup([201]);
    fireEvent.click(screen.getByRole('button', { name: '9,000원 주문하기' }));
    await waitFor(() => {
      expect(onPlaced).toHaveBeenCalledOnce();
    });
    expect(keys).toHaveLength(1);
    expect(onQueued).not.toHaveBeenCalled();
    expect(localStorage.getItem('table-order:outbox:demo:3')).toBeNull();
  });

  it('highlights a price that changed while the review is open, instead of silently replacing it', () => {
    const { cart } = setup([]);
    expect(screen.queryByText(/가격 변경/)).toBeNull();
    act(() => {
      cart().syncWithMenu(new Map([[1, { id: 1, name: '김치찌개', price: 10_000 }]]));
    });
    const line = screen.getByText('김치찌개').closest('li')!;
    expect(line.getAttribute('data-repriced')).toBe('true');
    expect(line.textContent).toContain('10,000원');
    expect(line.textContent).toContain('가격 변경 (이전 9,000원)');
    expect(
      screen.getByText('주문을 확인하는 동안 가격이 바뀌었습니다. 바뀐 가격을 확인해 주세요.'),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: '10,000원 주문하기' })).toBeTruthy();
  });
});

describe('Dialog', () => {
  it('ignores a tap on its backdrop right after opening (the second tap of a double tap)', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const onClose = vi.fn();
    render(
      <I18nProvider>
        <Dialog title="확인" onClose={onClose}>
          <p>본문</p>
        </Dialog>
      </I18nProvider>,
    );
    const backdrop = document.querySelector('dialog')!;
    fireEvent.click(backdrop);
    expect(onClose).not.toHaveBeenCalled();
    vi.advanceTimersByTime(600);
    fireEvent.click(backdrop);
    expect(onClose).toHaveBeenCalledOnce();
  });
});
