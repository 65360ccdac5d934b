import { ORDER_LINES_MAX } from '@table-order/contracts/constants';
import { describe, expect, it } from 'vitest';
import type { TableMenuItem } from '@table-order/contracts';
import {
  addItem,
  cartCount,
  cartTotal,
  changeQuantity,
  emptyCart,
  lineAvailability,
  lineKey,
  removeLine,
  removeLines,
  restoreLines,
  setNote,
  setQuantity,
  syncWithMenu,
  toOrderBody,
  withSubmissionKey,
  type Cart,
  type CartLineOption,
} from './cart';

const kimchi = { id: 1, name: '김치찌개', price: 9000 };
const rice = { id: 7, name: '공기밥', price: 1000 };

const cartOf = (...items: [typeof kimchi, number][]): Cart =>
  items.reduce((c, [item, q]) => addItem(c, item, q).cart, emptyCart);

describe('cart rules', () => {
  it('adds a new line, and the same item again raises its quantity instead of adding a line', () => {
    let cart = addItem(emptyCart, kimchi).cart;
    cart = addItem(cart, rice, 2).cart;
    cart = addItem(cart, kimchi, 3).cart;
    expect(cart.lines).toEqual([
      { menuItemId: 1, name: '김치찌개', unitPrice: 9000, quantity: 4, options: [] },
      { menuItemId: 7, name: '공기밥', unitPrice: 1000, quantity: 2, options: [] },
    ]);
  });

  it('+ and − change the quantity but never below 1 or above 99', () => {
    let cart = cartOf([kimchi, 1]);
    cart = changeQuantity(cart, '1', 1).cart;
    expect(cart.lines[0]?.quantity).toBe(2);
    cart = changeQuantity(cart, '1', -1).cart;
    cart = changeQuantity(cart, '1', -1).cart;
    expect(cart.lines[0]?.quantity).toBe(1);

    cart = setQuantity(cart, '1', 99).cart;
    const more = changeQuantity(cart, '1', 1);
    expect(more.cart.lines[0]?.quantity).toBe(99);
    expect(more.problem).toBe('quantity_limit');
  });

  it('adding beyond 99 of one item caps at 99 and says why', () => {
    const change = addItem(cartOf([kimchi, 98]), kimchi, 5);
    expect(change.cart.lines[0]?.quantity).toBe(99);
    expect(change.problem).toBe('quantity_limit');
    expect(addItem(emptyCart, kimchi, 150).cart.lines[0]?.quantity).toBe(99);
  });

  it('holds at most 30 different items; a 31st is refused, more of an existing one is fine', () => {
    let cart = emptyCart;
    for (let id = 1; id <= ORDER_LINES_MAX; id++)
      cart = addItem(cart, { id, name: `메뉴 ${id}`, price: 1000 }).cart;
    expect(cart.lines).toHaveLength(30);
    const refused = addItem(cart, { id: 31, name: '메뉴 31', price: 1000 });
    expect(refused.problem).toBe('too_many_lines');
    expect(refused.cart).toBe(cart);
    const more = addItem(cart, { id: 5, name: '메뉴 5', price: 1000 });
    expect(more.problem).toBeUndefined();
    expect(more.cart.lines[4]?.quantity).toBe(2);
  });

  it('removes one line or several', () => {
    const cart = cartOf([kimchi, 2], [rice, 1], [{ id: 9, name: '콜라', price: 2000 }, 1]);
    expect(removeLine(cart, '7').lines.map((l) => l.menuItemId)).toEqual([1, 9]);
    expect(removeLines(cart, ['1', '9']).lines.map((l) => l.menuItemId)).toEqual([7]);
    expect(removeLine(cart, '42')).toBe(cart);
  });

  it('totals the price and counts the dishes', () => {
    const cart = cartOf([kimchi, 2], [rice, 3]);
    expect(cartTotal(cart)).toBe(21_000);
    expect(cartCount(cart)).toBe(5);
    expect(cartTotal(emptyCart)).toBe(0);
    expect(cartCount(emptyCart)).toBe(0);
  });

  it('keeps the submission key for retries and drops it when the content changes', () => {
    const keyed = withSubmissionKey(cartOf([kimchi, 1]), () => 'key-00000001');
    expect(withSubmissionKey(keyed, () => 'key-00000002').submissionKey).toBe('key-00000001');
    expect(changeQuantity(keyed, '1', 1).cart.submissionKey).toBeNull();
    expect(addItem(keyed, rice).cart.submissionKey).toBeNull();
    expect(removeLine(keyed, '1').submissionKey).toBeNull();
    expect(setNote(keyed, '덜 맵게').submissionKey).toBeNull();
    // A no-op change keeps it.
    expect(changeQuantity(keyed, '1', -1).cart.submissionKey).toBe('key-00000001');
  });

  it('takes names and prices from the refreshed menu', () => {
    const cart = cartOf([kimchi, 2]);
    const synced = syncWithMenu(cart, new Map([[1, { id: 1, name: '김치찌개', price: 9500 }]]));
    expect(cartTotal(synced)).toBe(19_000);
    expect(syncWithMenu(synced, new Map([[1, { id: 1, name: '김치찌개', price: 9500 }]]))).toBe(synced);
  });

  it('builds the order body with trimmed note, omitted when blank', () => {
    const cart = setNote(cartOf([kimchi, 2]), '  덜 맵게  ');
    expect(toOrderBody(cart)).toEqual({ items: [{ menuItemId: 1, quantity: 2 }], note: '덜 맵게' });
    expect(toOrderBody(setNote(cart, '   '))).toEqual({ items: [{ menuItemId: 1, quantity: 2 }] });
    expect(setNote(cart, 'x'.repeat(300)).note).toHaveLength(200);
  });

  describe('with options', () => {
    const group = (
      id: number,
      name: string,
      minSelect: number,
      maxSelect: number,
      options: [number, string, number][],
    ) => ({
      id,
      name,
      minSelect,
      maxSelect,
      options: options.map(([oid, oname, priceDelta]) => ({
        id: oid,
        name: oname,
        priceDelta,
        soldOut: false,
      })),
    });
    const tteok: Pick<TableMenuItem, 'id' | 'name' | 'price' | 'soldOut' | 'optionGroups'> = {
      id: 20,
      name: '떡볶이',
      price: 6000,
      soldOut: false,
      optionGroups: [
        group(1, '맵기', 1, 1, [
          [11, '순한맛', 0],
          [12, '아주 매운맛', 500],
        ]),
        group(2, '사리', 0, 2, [
          [21, '라면사리', 1500],
          [22, '치즈', 2000],
        ]),
      ],
    };
    const pick = (...ids: number[]): CartLineOption[] =>
      tteok.optionGroups.flatMap((g) =>
        g.options
          .filter((o) => ids.includes(o.id))
          .map((o) => ({ id: o.id, groupName: g.name, name: o.name, priceDelta: o.priceDelta })),
      );

    it('keys lines by item and options: the same choices merge, other choices are their own line', () => {
      let cart = addItem(emptyCart, tteok, 1, pick(12, 22)).cart;
      cart = addItem(cart, tteok, 2, pick(12, 22)).cart;
      cart = addItem(cart, tteok, 1, pick(11)).cart;
      cart = addItem(cart, tteok, 1, pick(22, 12).toReversed()).cart;
      expect(cart.lines.map((l) => [lineKey(l), l.quantity, l.unitPrice])).toEqual([
        ['20:12,22', 4, 8500],
        ['20:11', 1, 6000],
      ]);
      expect(cartTotal(cart)).toBe(4 * 8500 + 6000);
      expect(changeQuantity(cart, '20:11', 1).cart.lines[1]?.quantity).toBe(2);
      expect(removeLine(cart, '20:12,22').lines.map(lineKey)).toEqual(['20:11']);
      expect(toOrderBody(cart).items).toEqual([
        { menuItemId: 20, quantity: 4, optionIds: [12, 22] },
        { menuItemId: 20, quantity: 1, optionIds: [11] },
      ]);
    });

    it('follows the menu’s option names and prices', () => {
      const cart = addItem(emptyCart, tteok, 2, pick(12)).cart;
      const repriced = {
        ...tteok,
        optionGroups: [group(1, '맵기 선택', 1, 1, [[12, '불맛', 1000]]), ...tteok.optionGroups.slice(1)],
      };
      const synced = syncWithMenu(cart, new Map([[20, repriced]]));
      expect(synced.lines[0]).toMatchObject({
        unitPrice: 7000,
        options: [{ id: 12, groupName: '맵기 선택', name: '불맛', priceDelta: 1000 }],
      });
      expect(syncWithMenu(synced, new Map([[20, repriced]]))).toBe(synced);
    });

    it('flags a line whose option sold out or went away, and leaves it out of the orderable total', () => {
      const cart = addItem(addItem(emptyCart, tteok, 1, pick(12, 21)).cart, tteok, 1, pick(11)).cart;
      const [hot, mild] = cart.lines;
      expect(lineAvailability(hot!, tteok)).toBe('available');
      const soldOut = {
        ...tteok,
        optionGroups: tteok.optionGroups.map((g) => ({
          ...g,
          options: g.options.map((o) => ({ ...o, soldOut: o.id === 21 })),
        })),
      };
      expect(lineAvailability(hot!, soldOut)).toBe('sold_out');
      expect(lineAvailability(mild!, soldOut)).toBe('available');
      expect(cartTotal(cart, (l) => lineAvailability(l, soldOut) === 'available')).toBe(6000);
      // An option removed, a group the line now misses, or the dish gone: it cannot be ordered.
      const removed = { ...tteok, optionGroups: [tteok.optionGroups[0]!] };
      expect(lineAvailability(hot!, removed)).toBe('deleted');
      const newRequired = {
        ...tteok,
        optionGroups: [...tteok.optionGroups, group(3, '사이즈', 1, 1, [[31, '대', 0]])],
      };
      expect(lineAvailability(mild!, newRequired)).toBe('deleted');
      expect(lineAvailability(mild!, undefined)).toBe('deleted');
      expect(lineAvailability(mild!, { ...tteok, soldOut: true })).toBe('sold_out');
    });
  });
});

describe('restoreLines', () => {
  it('puts refused lines back, adding to a line already in the cart', () => {
    const line = (menuItemId: number, quantity = 1) => ({
      menuItemId,
      name: `메뉴${menuItemId}`,
      unitPrice: 1000,
      quantity,
      options: [],
    });
    const cart: Cart = {
      lines: [line(1, 2)],
      note: '',
      submissionKey: '00000000-0000-4000-8000-000000000009',
    };
    const next = restoreLines(cart, [line(1, 3), line(2)], '덜 맵게');
    expect(next.lines.map((l) => [l.menuItemId, l.quantity])).toEqual([
      [1, 5],
      [2, 1],
    ]);
    expect(next.note).toBe('덜 맵게');
    expect(next.submissionKey).toBeNull();
  });
});
