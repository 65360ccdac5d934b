import type { TableMenu } from '@table-order/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CartProvider, useCart } from '../cart';
import { SessionContext } from '../shared/api/session-context';
import { TableSession } from '../shared/api/table-session';
import { I18nProvider } from '../shared/i18n/i18n';
import { ToastProvider } from '../shared/ui/Toast';
import { MenuScreen } from './MenuScreen';

const MENU: TableMenu = {
  categories: [
    {
      id: 1,
      name: '메인',
      items: [
        {
          id: 1,
          name: '김치찌개',
          price: 9000,
          description: '잘 익은 김치',
          imageUrl: null,
          thumbnailUrl: null,
          soldOut: false,
        },
        {
          id: 2,
          name: '된장찌개',
          price: 8500,
          description: '',
          imageUrl: null,
          thumbnailUrl: null,
          soldOut: true,
        },
      ],
    },
    { id: 2, name: '음료', items: [] },
  ],
};

function CartCount() {
  const { count, total } = useCart();
  return <output aria-label="cart">{`${count}/${total}`}</output>;
}

function renderMenu() {
  const fetchFn = (input: RequestInfo | URL) =>
    Promise.resolve(
      (input instanceof Request ? input.url : input.toString()).endsWith('/auth/table/login')
        ? Response.json({
            accessToken: 't',
            tokenType: 'Bearer',
            expiresAt: '2999-01-01T00:00:00.000Z',
            store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' },
            table: { id: 3, number: 3 },
          })
        : Response.json(MENU, { headers: { etag: '"v1"' } }),
    );
  const session = new TableSession({ storeIdentifier: 'demo', tableNumber: 3, password: '1234' }, null, {
    fetch: fetchFn,
  });
  render(
    <QueryClientProvider client={new QueryClient()}>
      <I18nProvider>
        <ToastProvider>
          <SessionContext value={session}>
            <CartProvider storeIdentifier="demo" tableNumber={3}>
              <MenuScreen orientation="vertical" />
              <CartCount />
            </CartProvider>
          </SessionContext>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('MenuScreen', () => {
  it('lists categories and dishes with prices; sold-out dishes are marked and cannot be added', async () => {
    renderMenu();
    expect(await screen.findByRole('button', { name: '김치찌개, 9,000원' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: '메뉴 분류' });
    expect(
      within(nav)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['메인', '음료']);
    expect(screen.getByRole('button', { name: '된장찌개, 8,500원, 품절' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: '된장찌개 담기' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: '된장찌개, 8,500원, 품절' }));
    const sheet = screen.getByRole('dialog', { name: '된장찌개' });
    expect(within(sheet).getByRole('button', { name: '품절' }).hasAttribute('disabled')).toBe(true);
  });

  it('adds from the card and from the detail sheet with a quantity', async () => {
    renderMenu();
    fireEvent.click(await screen.findByRole('button', { name: '김치찌개 담기' }));
    expect(screen.getByRole('status', { name: 'cart' }).textContent).toBe('1/9000');

    fireEvent.click(screen.getByRole('button', { name: '김치찌개, 9,000원' }));
    const sheet = screen.getByRole('dialog', { name: '김치찌개' });
    fireEvent.click(within(sheet).getByRole('button', { name: '수량 늘리기' }));
    fireEvent.click(within(sheet).getByRole('button', { name: '2개 담기 · 18,000원' }));
    expect(screen.getByRole('status', { name: 'cart' }).textContent).toBe('3/27000');
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
