import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../shared/i18n/i18n';
import { ToastProvider } from '../shared/ui/Toast';
import { addItem, emptyCart } from './cart';
import { CartProvider } from './cart-context';
import { cartKey, saveCart } from './cart-storage';
import { CartContent } from './CartContent';

function renderCart(onOrder = vi.fn()) {
  render(
    <I18nProvider>
      <ToastProvider>
        <CartProvider storeIdentifier="demo" tableNumber={3}>
          <CartContent
            availability={(line) =>
              line.menuItemId === 7 || line.options.some((o) => o.id === 99) ? 'sold_out' : 'available'
            }
            onOrder={onOrder}
          />
        </CartProvider>
      </ToastProvider>
    </I18nProvider>,
  );
  return onOrder;
}

const saved = () => localStorage.getItem(cartKey('demo', 3));

describe('CartContent', () => {
  it('shows an empty cart with the order button disabled', () => {
    renderCart();
    expect(screen.getByText('장바구니가 비어 있습니다')).toBeTruthy();
    expect(screen.getByRole('button', { name: '주문하기' }).hasAttribute('disabled')).toBe(true);
  });

  it('changes quantities, removes lines and keeps the total and storage current', () => {
    let cart = addItem(emptyCart, { id: 1, name: '김치찌개', price: 9000 }, 2).cart;
    cart = addItem(cart, { id: 2, name: '공기밥', price: 1000 }).cart;
    saveCart('demo', 3, cart);
    const onOrder = renderCart();

    expect(screen.getByText('19,000원')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '김치찌개 수량 늘리기' }));
    expect(screen.getByRole('group', { name: '김치찌개 3개' })).toBeTruthy();
    expect(screen.getByText('28,000원')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '공기밥 수량 줄이기' }));
    expect(screen.getByRole('group', { name: '공기밥 1개' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '공기밥 빼기' }));
    expect(screen.queryByText('공기밥')).toBeNull();
    expect(screen.getByText('27,000원', { selector: 'strong' })).toBeTruthy();
    expect(JSON.parse(saved() ?? '{}')).toMatchObject({ lines: [{ menuItemId: 1, quantity: 3 }] });

    fireEvent.click(screen.getByRole('button', { name: '주문하기' }));
    expect(onOrder).toHaveBeenCalledOnce();
  });

  it('asks before emptying the cart', () => {
    saveCart('demo', 3, addItem(emptyCart, { id: 1, name: '김치찌개', price: 9000 }, 2).cart);
    renderCart();

    fireEvent.click(screen.getByRole('button', { name: '장바구니 비우기' }));
    const dialog = screen.getByRole('alertdialog', { name: '장바구니를 비울까요?' });
    fireEvent.click(within(dialog).getByRole('button', { name: '취소' }));
    expect(screen.getByText('김치찌개')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '장바구니 비우기' }));
    act(() => {
      fireEvent.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: '비우기' }));
    });
    expect(screen.getByText('장바구니가 비어 있습니다')).toBeTruthy();
    expect(saved()).toBeNull();
  });

  it('flags lines that went sold out', () => {
    saveCart('demo', 3, addItem(emptyCart, { id: 7, name: '해물파전', price: 14000 }).cart);
    renderCart();
    const line = screen.getByText('해물파전').closest('li');
    expect(line && within(line).getByText('품절')).toBeTruthy();
  });

  it('leaves a sold-out line out of the total, stops its +, blocks ordering and offers 빼기', () => {
    let cart = addItem(emptyCart, { id: 7, name: '해물파전', price: 14000 }).cart;
    cart = addItem(cart, { id: 1, name: '김치찌개', price: 9000 }).cart;
    saveCart('demo', 3, cart);
    const onOrder = renderCart();
    expect(screen.getByText('9,000원', { selector: 'strong' })).toBeTruthy();
    const soldOut = screen.getByText('해물파전').closest('li')!;
    expect(
      within(soldOut).getByRole('button', { name: '해물파전 수량 늘리기' }).hasAttribute('disabled'),
    ).toBe(true);
    const order = screen.getByRole('button', { name: '주문하기' });
    expect(order.hasAttribute('disabled')).toBe(true);
    expect(screen.getByText('주문할 수 없는 메뉴를 빼야 주문할 수 있습니다.')).toBeTruthy();

    const drop = within(soldOut)
      .getAllByRole('button', { name: '해물파전 빼기' })
      .find((b) => b.textContent === '빼기');
    fireEvent.click(drop!);
    expect(screen.queryByText('해물파전')).toBeNull();
    expect(order.hasAttribute('disabled')).toBe(false);
    fireEvent.click(order);
    expect(onOrder).toHaveBeenCalledOnce();
  });

  it('starts empty when the saved cart is corrupt', () => {
    localStorage.setItem(cartKey('demo', 3), '{not json');
    renderCart();
    expect(screen.getByText('장바구니가 비어 있습니다')).toBeTruthy();
  });

  it('shows each line’s options, and flags a line whose option sold out, out of the total', () => {
    const tteok = { id: 5, name: '떡볶이', price: 6000 };
    const spicy = { id: 51, groupName: '맵기', name: '아주 매운맛', priceDelta: 500 };
    const cheese = { id: 99, groupName: '사리', name: '치즈', priceDelta: 2000 };
    let cart = addItem(emptyCart, tteok, 1, [spicy]).cart;
    cart = addItem(cart, tteok, 1, [spicy, cheese]).cart;
    saveCart('demo', 3, cart);
    renderCart();
    const [plain, withCheese] = screen.getAllByRole('listitem');
    expect(plain?.textContent).toContain('아주 매운맛 (+500원)');
    expect(within(plain!).queryByText('품절')).toBeNull();
    expect(withCheese?.textContent).toContain('아주 매운맛 (+500원), 치즈 (+2,000원)');
    expect(within(withCheese!).getByText('품절')).toBeTruthy();
    // Only the orderable line counts: 6,500원, not 15,000원.
    expect(screen.getByText('6,500원', { selector: 'strong' })).toBeTruthy();
  });
});
