import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import {
  orderNumber,
  orderTotal,
  orderedItemIds,
  priceLines,
  requestHash,
  type OrderableItem,
} from './order-lines.js';

const item = (id: number, price: number, extra: Partial<OrderableItem> = {}): OrderableItem => ({
  id,
  name: `item ${id}`,
  price,
  sold_out: 0,
  deleted_at: null,
  ...extra,
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('order lines', () => {
  it('names each item once, in the order first named', () => {
    expect(
      orderedItemIds([
        { menuItemId: 3, quantity: 1 },
        { menuItemId: 1, quantity: 2 },
        { menuItemId: 3, quantity: 4 },
      ]),
    ).toEqual([3, 1]);
  });

  it('prices one line per requested line from the menu of this moment, and totals them', () => {
    const lines = priceLines(
      [
        { menuItemId: 2, quantity: 3 },
        { menuItemId: 1, quantity: 1 },
        { menuItemId: 2, quantity: 1 },
      ],
      [item(1, 9000), item(2, 1500)],
    );
    expect(lines).toEqual([
      { menu_item_id: 2, name: 'item 2', unit_price: 1500, quantity: 3, subtotal: 4500 },
      { menu_item_id: 1, name: 'item 1', unit_price: 9000, quantity: 1, subtotal: 9000 },
      { menu_item_id: 2, name: 'item 2', unit_price: 1500, quantity: 1, subtotal: 1500 },
    ]);
    expect(orderTotal(lines)).toBe(15_000);
    expect(orderTotal([])).toBe(0);
  });

  it('refuses unknown items first (422, every id), then deleted or sold-out ones (409, every item)', () => {
    const unknown = refusal(() =>
      priceLines(
        [
          { menuItemId: 1, quantity: 1 },
          { menuItemId: 8, quantity: 1 },
          { menuItemId: 9, quantity: 1 },
        ],
        [item(1, 100, { sold_out: 1 })],
      ),
    );
    expect(unknown).toMatchObject({ status: 422, code: 'unknown_menu_item' });
    expect(unknown.details?.map((d) => (d as { menuItemId: number }).menuItemId)).toEqual([8, 9]);

    const unavailable = refusal(() =>
      priceLines(
        [
          { menuItemId: 1, quantity: 1 },
          { menuItemId: 2, quantity: 1 },
          { menuItemId: 3, quantity: 1 },
        ],
        [item(1, 100, { sold_out: 1 }), item(2, 100), item(3, 100, { deleted_at: 5 })],
      ),
    );
    expect(unavailable).toMatchObject({ status: 409, code: 'menu_items_unavailable' });
    expect(unavailable.details).toEqual([
      { menuItemId: 1, name: 'item 1', reason: 'sold_out' },
      { menuItemId: 3, name: 'item 3', reason: 'deleted' },
    ]);
  });

  it('numbers orders YYYYMMDD-NNNN', () => {
    expect(orderNumber('20250101', 7)).toBe('20250101-0007');
    expect(orderNumber('20250101', 12345)).toBe('20250101-12345');
  });

  it('fingerprints what an idempotent repeat must match: lines in order and the note', () => {
    const body = { items: [{ menuItemId: 1, quantity: 2 }], note: '' };
    expect(requestHash(body)).toBe(requestHash({ items: [{ menuItemId: 1, quantity: 2 }] }));
    expect(requestHash(body)).toMatch(/^[0-9a-f]{64}$/);
    expect(requestHash(body)).not.toBe(requestHash({ ...body, note: 'no onions' }));
    expect(requestHash(body)).not.toBe(requestHash({ items: [{ menuItemId: 1, quantity: 3 }] }));
    const two = [
      { menuItemId: 1, quantity: 1 },
      { menuItemId: 2, quantity: 1 },
    ];
    expect(requestHash({ items: two })).not.toBe(requestHash({ items: two.toReversed() }));
  });
});
