import type { TableMenu } from '@table-order/contracts';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CartProvider, lineKey, useCart } from '../cart';
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
          optionGroups: [],
        },
        {
          id: 2,
          name: '된장찌개',
          price: 8500,
          description: '',
          imageUrl: null,
          thumbnailUrl: null,
          soldOut: true,
          optionGroups: [],
        },
        {
          id: 3,
          name: '떡볶이',
          price: 6000,
          description: '',
          imageUrl: null,
          thumbnailUrl: null,
          soldOut: false,
          optionGroups: [
            {
              id: 1,
              name: '맵기 선택',
              minSelect: 1,
              maxSelect: 1,
              options: [
                { id: 11, name: '순한맛', priceDelta: 0, soldOut: false },
                { id: 12, name: '아주 매운맛', priceDelta: 500, soldOut: false },
                { id: 13, name: '지옥맛', priceDelta: 1000, soldOut: true },
              ],
            },
            {
              id: 2,
              name: '사리 추가',
              minSelect: 0,
              maxSelect: 2,
              options: [
                { id: 21, name: '라면사리', priceDelta: 1500, soldOut: false },
                { id: 22, name: '치즈', priceDelta: 2000, soldOut: false },
                { id: 23, name: '떡사리', priceDelta: 1000, soldOut: false },
              ],
            },
            {
              id: 3,
              name: '포장',
              minSelect: 0,
              maxSelect: 1,
              options: [{ id: 31, name: '포장 용기', priceDelta: -500, soldOut: false }],
            },
          ],
        },
      ],
    },
    { id: 2, name: '음료', items: [] },
  ],
};

function CartCount() {
  const { count, total, cart } = useCart();
  return (
    <>
      <output aria-label="cart">{`${count}/${total}`}</output>
      <output aria-label="lines">{cart.lines.map((l) => `${l.quantity}×${lineKey(l)}`).join(' ')}</output>
    </>
  );
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

  it('opens the sheet of a dish with options from its + button; 담기 waits for the required group', async () => {
    renderMenu();
    fireEvent.click(await screen.findByRole('button', { name: '떡볶이 담기' }));
    const sheet = screen.getByRole('dialog', { name: '떡볶이' });
    expect(screen.getByRole('status', { name: 'cart' }).textContent).toBe('0/0');

    const spicy = within(sheet).getByRole('group', { name: /맵기 선택/ });
    expect(within(spicy).getByText('필수')).toBeTruthy();
    expect(within(spicy).getByText('1개 선택')).toBeTruthy();
    const extras = within(sheet).getByRole('group', { name: /사리 추가/ });
    expect(within(extras).queryByText('필수')).toBeNull();
    expect(within(extras).getByText('최대 2개')).toBeTruthy();
    // A sold-out option is shown, not choosable.
    expect(within(spicy).getByRole<HTMLInputElement>('radio', { name: /지옥맛/ }).disabled).toBe(true);

    const add = within(sheet).getByRole('button', { name: '필수 옵션을 선택해 주세요' });
    expect(add.hasAttribute('disabled')).toBe(true);

    fireEvent.click(within(spicy).getByRole('radio', { name: /순한맛/ }));
    fireEvent.click(within(spicy).getByRole('radio', { name: /아주 매운맛/ }));
    expect(within(spicy).getByRole<HTMLInputElement>('radio', { name: /순한맛/ }).checked).toBe(false);
    // Up to two extras: the third box is disabled until one is cleared.
    fireEvent.click(within(extras).getByRole('checkbox', { name: /라면사리/ }));
    fireEvent.click(within(extras).getByRole('checkbox', { name: /치즈/ }));
    const third = within(extras).getByRole<HTMLInputElement>('checkbox', { name: /떡사리/ });
    expect(third.disabled).toBe(true);
    fireEvent.click(within(extras).getByRole('checkbox', { name: /라면사리/ }));
    expect(third.disabled).toBe(false);
    fireEvent.click(third);
    // An optional single choice clears when tapped again.
    const box = within(sheet).getByRole('group', { name: /포장/ });
    fireEvent.click(within(box).getByRole('radio', { name: /포장 용기/ }));
    fireEvent.click(within(box).getByRole('radio', { name: /포장 용기/ }));
    expect(within(box).getByRole<HTMLInputElement>('radio', { name: /포장 용기/ }).checked).toBe(false);

    // The live unit price: 6,000 + 500 + 2,000 + 1,000.
    expect(within(sheet).getByText('9,500원')).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('button', { name: '수량 늘리기' }));
    fireEvent.click(within(sheet).getByRole('button', { name: '2개 담기 · 19,000원' }));
    expect(screen.getByRole('status', { name: 'cart' }).textContent).toBe('2/19000');
    expect(screen.getByRole('status', { name: 'lines' }).textContent).toBe('2×3:12,22,23');
  });

  it('merges the same dish with the same options into one line, other options into another', async () => {
    renderMenu();
    const order = async (optionNames: RegExp[]) => {
      fireEvent.click(await screen.findByRole('button', { name: '떡볶이, 6,000원' }));
      const sheet = screen.getByRole('dialog', { name: '떡볶이' });
      for (const name of optionNames) {
        const input =
          within(sheet).queryByRole('radio', { name }) ?? within(sheet).getByRole('checkbox', { name });
        fireEvent.click(input);
      }
      fireEvent.click(within(sheet).getByRole('button', { name: /담기/ }));
    };
    await order([/순한맛/, /치즈/]);
    await order([/순한맛/, /치즈/]);
    await order([/아주 매운맛/]);
    expect(screen.getByRole('status', { name: 'lines' }).textContent).toBe('2×3:11,22 1×3:12');
    expect(screen.getByRole('status', { name: 'cart' }).textContent).toBe('3/22500');
    // The card counts every line of the dish.
    expect(
      screen
        .getByRole('button', { name: '떡볶이, 6,000원' })
        .querySelector('.menu-card__in-cart')
        ?.getAttribute('data-count'),
    ).toBe('3');
  });
});
