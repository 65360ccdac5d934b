import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../shared/api/errors';
import { en } from '../shared/i18n/en';
import { ko } from '../shared/i18n/ko';
import { describeOrderFailure } from './order-errors';

const names = new Map([
  [1, '김치찌개'],
  [2, '콜라'],
]);

describe('describeOrderFailure', () => {
  it('names the sold-out and removed dishes in Korean', () => {
    const err = new ApiError(409, 'menu_items_unavailable', 'Not available: 김치찌개', [
      { menuItemId: 1, name: '김치찌개', reason: 'sold_out' },
      { menuItemId: 2, name: '콜라', reason: 'deleted' },
    ]);
    const f = describeOrderFailure(err, ko, names);
    expect(f.message).toContain('김치찌개(품절)');
    expect(f.message).toContain('콜라(판매 종료)');
    expect(f.unavailable.map((u) => u.menuItemId)).toEqual([1, 2]);
    expect(f.retryable).toBe(false);
    expect(describeOrderFailure(err, en, names).message).toContain('김치찌개(sold out)');
  });

  it('uses the cart names for unknown items', () => {
    const err = new ApiError(422, 'unknown_menu_item', 'Some menu items do not exist.', [
      { field: 'items', menuItemId: 2, message: 'unknown menu item' },
    ]);
    expect(describeOrderFailure(err, ko, names).message).toContain('콜라');
  });

  it('offers a retry when there was no answer or the server was busy', () => {
    expect(describeOrderFailure(new NetworkError(), ko, names)).toMatchObject({
      message: ko.orderFailedNetwork,
      retryable: true,
    });
    expect(describeOrderFailure(new ApiError(503, 'service_unavailable', 'x'), ko, names).retryable).toBe(
      true,
    );
    expect(describeOrderFailure(new ApiError(422, 'validation_failed', 'x'), ko, names).retryable).toBe(
      false,
    );
  });
});
