import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import type { ItemOptionRow } from '../menu/index.js';
import {
  orderNumber,
  orderTotal,
  orderedItemIds,
  priceLines,
  requestHash,
  type OrderableItem,
} from './order-lines.js';

/** Option `optionId` of group `groupId` offered on item `itemId`. */
const offer = (
  itemId: number,
  groupId: number,
  optionId: number,
  priceDelta: number,
  extra: Partial<ItemOptionRow> = {},
): ItemOptionRow => ({
  menu_item_id: itemId,
  group_id: groupId,
  group_name: `group ${groupId}`,
  min_select: 0,
  max_select: 1,
  option_id: optionId,
  option_name: `option ${optionId}`,
  price_delta: priceDelta,
  sold_out: 0,
  ...extra,
});

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
      { menu_item_id: 2, name: 'item 2', unit_price: 1500, quantity: 3, subtotal: 4500, options: [] },
      { menu_item_id: 1, name: 'item 1', unit_price: 9000, quantity: 1, subtotal: 9000, options: [] },
      { menu_item_id: 2, name: 'item 2', unit_price: 1500, quantity: 1, subtotal: 1500, options: [] },
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

  it('adds the chosen options to the unit price and snapshots them in menu order', () => {
    // Item 1 offers a required single-choice group 10 and an optional multi-choice group 20.
    const offered = [
      offer(1, 10, 101, 0, { min_select: 1 }),
      offer(1, 10, 102, 500, { min_select: 1 }),
      offer(1, 20, 201, 1000, { max_select: 2 }),
      offer(1, 20, 202, 2000, { max_select: 2 }),
      offer(1, 20, 203, -300, { max_select: 2 }),
    ];
    const [line] = priceLines(
      [{ menuItemId: 1, quantity: 2, optionIds: [202, 102, 201] }],
      [item(1, 9000)],
      offered,
    );
    expect(line).toEqual({
      menu_item_id: 1,
      name: 'item 1',
      unit_price: 12_500,
      quantity: 2,
      subtotal: 25_000,
      options: [
        { groupName: 'group 10', name: 'option 102', priceDelta: 500 },
        { groupName: 'group 20', name: 'option 201', priceDelta: 1000 },
        { groupName: 'group 20', name: 'option 202', priceDelta: 2000 },
      ],
    });
    const reasons = (optionIds: number[], items = [item(1, 9000)]) =>
      refusal(() => priceLines([{ menuItemId: 1, quantity: 1, optionIds }], items, offered)).details?.map(
        (d) => (d as { reason: string }).reason,
      );
    expect(reasons([])).toEqual(['too_few']);
    expect(reasons([101, 102])).toEqual(['too_many']);
    expect(reasons([101, 201, 202, 203])).toEqual(['too_many']);
    expect(reasons([101, 101])).toEqual(['duplicate_option']);
    expect(reasons([101, 999])).toEqual(['unknown_option']);
    expect(reasons([101, 203], [item(1, 200)])).toEqual(['negative_price']);
    // An option of another item is not an option of this one.
    expect(
      refusal(() =>
        priceLines(
          [{ menuItemId: 2, quantity: 1, optionIds: [101] }],
          [item(1, 9000), item(2, 100)],
          offered,
        ),
      ).details,
    ).toEqual([expect.objectContaining({ line: 0, menuItemId: 2, reason: 'unknown_option', optionId: 101 })]);
    // A price of exactly 0 is fine.
    expect(
      priceLines([{ menuItemId: 1, quantity: 1, optionIds: [101, 203] }], [item(1, 300)], offered)[0]
        ?.unit_price,
    ).toBe(0);
  });

  it('refuses sold-out options (409 naming item and option) after the rules (422)', () => {
    const offered = [offer(1, 10, 101, 0), offer(1, 10, 102, 500, { sold_out: 1 })];
    const soldOut = refusal(() =>
      priceLines([{ menuItemId: 1, quantity: 1, optionIds: [102] }], [item(1, 9000)], offered),
    );
    expect(soldOut).toMatchObject({ status: 409, code: 'options_unavailable' });
    expect(soldOut.details).toEqual([
      { menuItemId: 1, name: 'item 1', optionId: 102, optionName: 'option 102' },
    ]);
    expect(
      refusal(() =>
        priceLines([{ menuItemId: 1, quantity: 1, optionIds: [102, 101] }], [item(1, 9000)], offered),
      ),
    ).toMatchObject({ status: 422, code: 'invalid_options' });
    // A sold-out option nobody chose is no obstacle.
    expect(
      priceLines([{ menuItemId: 1, quantity: 1, optionIds: [101] }], [item(1, 9000)], offered),
    ).toHaveLength(1);
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
    // Options: a set per line; none (absent or empty) hashes as before options existed.
    const withOptions = (optionIds?: number[]) =>
      requestHash({ items: [{ menuItemId: 1, quantity: 2, optionIds }] });
    expect(withOptions([])).toBe(requestHash(body));
    expect(withOptions(undefined)).toBe(requestHash(body));
    expect(withOptions([3, 4])).toBe(withOptions([4, 3]));
    expect(withOptions([3, 4])).not.toBe(withOptions([3, 5]));
    expect(withOptions([3])).not.toBe(requestHash(body));
  });
});
