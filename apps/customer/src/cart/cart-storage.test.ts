import { describe, expect, it } from 'vitest';
import { addItem, emptyCart } from './cart';
import { cartKey, loadCart, saveCart } from './cart-storage';

const kimchi = { id: 1, name: '김치찌개', price: 9000 };

describe('cart storage', () => {
  it('keeps one cart per store and table', () => {
    const cart = addItem(emptyCart, kimchi, 2).cart;
    saveCart('demo', 3, cart);
    expect(loadCart('demo', 3)).toEqual(cart);
    expect(loadCart('demo', 4)).toEqual(emptyCart);
    expect(loadCart('other', 3)).toEqual(emptyCart);
    expect(localStorage.getItem(cartKey('demo', 3))).not.toBeNull();
  });

  it('removes the key when the cart is emptied', () => {
    saveCart('demo', 1, addItem(emptyCart, kimchi).cart);
    saveCart('demo', 1, emptyCart);
    expect(localStorage.getItem(cartKey('demo', 1))).toBeNull();
  });

  it('reads corrupt JSON as an empty cart', () => {
    localStorage.setItem(cartKey('demo', 1), '{"lines": [ {oops');
    expect(loadCart('demo', 1)).toEqual(emptyCart);
  });

  it('reads a foreign shape as an empty cart and drops malformed lines one by one', () => {
    localStorage.setItem(cartKey('demo', 1), JSON.stringify([1, 2, 3]));
    expect(loadCart('demo', 1)).toEqual(emptyCart);
    localStorage.setItem(cartKey('demo', 1), JSON.stringify({ lines: 'nope' }));
    expect(loadCart('demo', 1)).toEqual(emptyCart);

    localStorage.setItem(
      cartKey('demo', 2),
      JSON.stringify({
        lines: [
          { menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 2 },
          { menuItemId: 2, name: '된장찌개', unitPrice: 8500, quantity: 0 },
          { menuItemId: 3, name: '제육볶음', unitPrice: '11000', quantity: 1 },
          { menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 5 },
          {
            menuItemId: 4,
            name: '떡볶이',
            unitPrice: 6500,
            quantity: 1,
            options: [{ id: 1, name: '매운맛' }],
          },
          {
            menuItemId: 4,
            name: '떡볶이',
            unitPrice: 6500,
            quantity: 2,
            options: [{ id: 1, groupName: '맵기', name: '매운맛', priceDelta: 500 }],
          },
          null,
        ],
        note: 42,
        submissionKey: 'not a key!',
      }),
    );
    expect(loadCart('demo', 2)).toEqual({
      // A line saved before options existed has none.
      lines: [
        { menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 2, options: [] },
        {
          menuItemId: 4,
          name: '떡볶이',
          unitPrice: 6500,
          quantity: 2,
          options: [{ id: 1, groupName: '맵기', name: '매운맛', priceDelta: 500 }],
        },
      ],
      note: '',
      submissionKey: null,
    });
  });

  it('gives an empty cart, never an error, when the storage itself throws', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(loadCart('demo', 1, broken)).toEqual(emptyCart);
    expect(saveCart('demo', 1, addItem(emptyCart, kimchi).cart, broken)).toBe(false);
    expect(() => saveCart('demo', 1, emptyCart, broken)).not.toThrow();
  });

  it('keeps the pending submission key across a reload', () => {
    const cart = {
      ...addItem(emptyCart, kimchi).cart,
      submissionKey: '0b6f1c1e-8d4b-4a57-9c1e-1f2a3b4c5d6e',
    };
    saveCart('demo', 5, cart);
    expect(loadCart('demo', 5).submissionKey).toBe('0b6f1c1e-8d4b-4a57-9c1e-1f2a3b4c5d6e');
  });
});
