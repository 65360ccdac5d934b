import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../shared/api/errors';
import { en } from '../shared/i18n/en';
import { ko } from '../shared/i18n/ko';
import type { CartLine } from '../cart';
import { describeOrderFailure } from './order-errors';

const line = (menuItemId: number, name: string, optionIds: number[] = []): CartLine => ({
  menuItemId,
  name,
  unitPrice: 1000,
  quantity: 1,
  options: optionIds.map((id) => ({ id, groupName: '사리', name: `옵션 ${id}`, priceDelta: 0 })),
});
const names = [line(1, '김치찌개'), line(2, '콜라')];

describe('describeOrderFailure', () => {
  it('names the sold-out and removed dishes in Korean', () => {
    const err = new ApiError(409, 'menu_items_unavailable', 'Not available: 김치찌개', [
      { menuItemId: 1, name: '김치찌개', reason: 'sold_out' },
      { menuItemId: 2, name: '콜라', reason: 'deleted' },
    ]);
    const f = describeOrderFailure(err, ko, names);
    expect(f.message).toContain('김치찌개(품절)');
    expect(f.message).toContain('콜라(판매 종료)');
    expect(f.unavailable.map((u) => u.key)).toEqual(['1', '2']);
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

  it('names a sold-out option with its dish, and offers to take out only the lines that chose it', () => {
    const lines = [line(5, '떡볶이', [51, 61]), line(5, '떡볶이', [52]), line(1, '김치찌개')];
    const err = new ApiError(409, 'options_unavailable', 'Sold out', [
      { menuItemId: 5, name: '떡볶이', optionId: 61, optionName: '치즈' },
    ]);
    const f = describeOrderFailure(err, ko, lines);
    expect(f.message).toContain('떡볶이 (치즈)(품절)');
    expect(f.unavailable).toEqual([{ key: '5:51,61', name: '떡볶이 (치즈)', reason: 'sold_out' }]);
  });

  it('points at the lines whose options no longer fit the dish (422 invalid_options)', () => {
    const lines = [line(1, '김치찌개'), line(5, '떡볶이', [51])];
    const err = new ApiError(422, 'invalid_options', 'x', [
      { field: 'items', line: 1, menuItemId: 5, reason: 'too_few', optionGroupId: 9 },
    ]);
    const f = describeOrderFailure(err, ko, lines);
    expect(f.unavailable).toEqual([{ key: '5:51', name: '떡볶이', reason: 'options' }]);
    expect(f.message).toContain('떡볶이(옵션 변경됨)');
  });
});
