import type { MenuItem } from '@table-order/contracts';
import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { savedItem as saved } from './test-fixtures';
import { useItemForm } from './use-item-form';

function renderForm(item: MenuItem | null) {
  const onSaved = vi.fn();
  const { wrapper } = queryWrapper();
  const { result } = renderHook(() => useItemForm({ item, categoryId: 2, onSaved }), { wrapper });
  const submit = () =>
    act(async () => {
      await result.current.submit();
    });
  return { result, onSaved, submit };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('menu item form', () => {
  it('an edit sends only the fields that changed (a name changed only by spaces is not sent)', async () => {
    const api = fakeApi();
    const answer = { ...saved, price: 9500, soldOut: true };
    api.answer(200, answer);
    const { result, onSaved, submit } = renderForm(saved);
    act(() => {
      result.current.set('name', '  김치찌개 ');
      result.current.set('price', '9,500');
      result.current.set('soldOut', true);
    });
    await submit();
    expect(api.sent).toEqual([
      { method: 'PATCH', path: '/admin/menu-items/7', body: { price: 9500, soldOut: true } },
    ]);
    expect(onSaved).toHaveBeenCalledWith(answer);
  });

  it('removing the photo and moving the item send imageKey null and the new category', async () => {
    const api = fakeApi();
    api.answer(200, { ...saved, categoryId: 3, imageKey: null });
    const { result, submit } = renderForm(saved);
    act(() => {
      result.current.set('imageKey', null);
      result.current.set('categoryId', 3);
      result.current.set('description', ' 돼지고기 ');
    });
    await submit();
    expect(api.sent.map((r) => r.body)).toEqual([{ categoryId: 3, imageKey: null }]);
  });

  it('saving an untouched item sends nothing and closes with the item as it was', async () => {
    const api = fakeApi();
    const { onSaved, submit } = renderForm(saved);
    await submit();
    expect(api.sent).toEqual([]);
    expect(onSaved).toHaveBeenCalledWith(saved);
  });

  it('a new item is created in the current category with trimmed text and no photo key', async () => {
    const api = fakeApi();
    api.answer(201, { ...saved, id: 8, categoryId: 2, name: '라면', imageKey: null });
    const { result, onSaved, submit } = renderForm(null);
    act(() => {
      result.current.set('name', ' 라면 ');
      result.current.set('price', '5000');
    });
    await submit();
    expect(api.sent).toEqual([
      {
        method: 'POST',
        path: '/admin/menu-items',
        body: { categoryId: 2, name: '라면', price: 5000, description: '', soldOut: false },
      },
    ]);
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: 8, name: '라면' }));
  });

  it('an empty name and a price that is not a whole number are shown and nothing is sent', async () => {
    const api = fakeApi();
    const { result, onSaved, submit } = renderForm(null);
    act(() => {
      result.current.set('name', '   ');
      result.current.set('price', '12.5');
    });
    await submit();
    expect(api.sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
    expect(result.current.errors).toEqual({
      name: '메뉴 이름을 입력하세요.',
      price: '0~10,000,000 사이의 정수로 입력하세요.',
    });
    act(() => {
      result.current.set('name', '라면');
    });
    expect(result.current.errors.name).toBeUndefined();
    expect(result.current.errors.price).toBe('0~10,000,000 사이의 정수로 입력하세요.');
  });

  it("the API's field errors appear beside their fields; the form stays open and can be sent again", async () => {
    const api = fakeApi();
    api.answer(422, {
      error: 'validation_failed',
      message: 'invalid body',
      details: [
        { field: 'name', message: 'String must contain at most 100 character(s)' },
        { field: 'description', message: 'too long' },
      ],
    });
    const { result, onSaved, submit } = renderForm(saved);
    act(() => {
      result.current.set('name', '찌'.repeat(101));
      result.current.set('description', '설'.repeat(501));
    });
    await submit();
    expect(result.current.errors).toEqual({
      name: '메뉴 이름은 1~100자입니다.',
      description: '설명은 500자 이하로 입력하세요.',
    });
    expect(result.current.busy).toBe(false);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('an unknown photo key points at the photo; a failure without details is one line for the form', async () => {
    const api = fakeApi();
    api.answer(422, {
      error: 'unknown_image',
      message: 'no such image',
      details: [{ field: 'imageKey', message: 'unknown image' }],
    });
    api.answer(503, { error: 'service_unavailable', message: 'database unavailable' });
    const { result, submit } = renderForm(saved);
    act(() => {
      result.current.set('imageKey', 'b'.repeat(32));
    });
    await submit();
    expect(result.current.errors).toEqual({
      imageKey: '사진 파일을 읽을 수 없습니다. 다른 파일을 골라 주세요.',
    });
    await submit();
    expect(result.current.errors).toEqual({
      form: '서버가 잠시 응답하지 않습니다. 잠시 후 다시 시도하세요.',
    });
    expect(api.sent).toHaveLength(2);
  });
});
