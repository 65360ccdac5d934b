import type { Category, MenuItem } from '@table-order/contracts';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../../shared/api/testing';
import { useMenuItems } from './list-menu-items';
import { menuKeys } from './query-keys';
import { useReorderCategories } from './reorder-categories';
import { useUpdateMenuItem } from './update-menu-item';

const cat = (id: number, name: string): Category => ({ id, name, displayOrder: id });
const item = (id: number, soldOut: boolean): MenuItem => ({
  id,
  categoryId: 1,
  name: `메뉴 ${id}`,
  price: 1000,
  description: '',
  imageKey: null,
  imageUrl: null,
  thumbnailUrl: null,
  soldOut,
  displayOrder: id,
  optionGroupIds: [],
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('category order', () => {
  const before = { items: [cat(1, '찌개'), cat(2, '음료')] };
  const after = [cat(2, '음료'), cat(1, '찌개')];

  it('shows the new order while it is saved, then keeps the server answer', async () => {
    const api = fakeApi();
    const release = api.answerLater(200, { items: after });
    const { queryClient, wrapper } = queryWrapper();
    queryClient.setQueryData(menuKeys.categories(), before);
    const { result } = renderHook(() => useReorderCategories(), { wrapper });
    let saving!: Promise<unknown>;
    act(() => {
      saving = result.current.mutateAsync(after);
    });
    await waitFor(() => {
      expect(queryClient.getQueryData(menuKeys.categories())).toEqual({ items: after });
    });
    release();
    await act(() => saving);
    expect(api.sent).toEqual([{ method: 'PUT', path: '/admin/categories/order', body: { ids: [2, 1] } }]);
    expect(queryClient.getQueryData(menuKeys.categories())).toEqual({ items: after });
  });

  it('puts the old order back when the server refuses', async () => {
    const api = fakeApi();
    api.answer(422, { error: 'validation_failed', message: 'ids must list every category' });
    const { queryClient, wrapper } = queryWrapper();
    queryClient.setQueryData(menuKeys.categories(), before);
    const { result } = renderHook(() => useReorderCategories(), { wrapper });
    await act(() => expect(result.current.mutateAsync(after)).rejects.toThrow('ids must list'));
    expect(queryClient.getQueryData(menuKeys.categories())).toEqual(before);
  });
});

describe('sold-out switch', () => {
  it('flips at once, then shows the saved item', async () => {
    const api = fakeApi();
    const release = api.answerLater(200, { ...item(5, true), name: '서버 이름' });
    const { queryClient, wrapper } = queryWrapper();
    queryClient.setQueryData(menuKeys.itemsOf(1), { items: [item(4, false), item(5, false)] });
    const { result } = renderHook(() => useUpdateMenuItem(), { wrapper });
    let saving!: Promise<unknown>;
    act(() => {
      saving = result.current.mutateAsync({ item: item(5, false), body: { soldOut: true } });
    });
    const list = () => queryClient.getQueryData<{ items: MenuItem[] }>(menuKeys.itemsOf(1))?.items;
    await waitFor(() => {
      expect(list()?.map((i) => i.soldOut)).toEqual([false, true]);
    });
    release();
    await act(() => saving);
    expect(api.sent).toEqual([{ method: 'PATCH', path: '/admin/menu-items/5', body: { soldOut: true } }]);
    expect(list()?.map((i) => i.name)).toEqual(['메뉴 4', '서버 이름']);
  });

  it('reads the list again when the change is refused, so the switch shows the truth', async () => {
    const api = fakeApi();
    api.answer(404, { error: 'not_found', message: 'menu item not found' });
    api.answer(200, { items: [item(4, false)] });
    const { queryClient, wrapper } = queryWrapper();
    queryClient.setQueryData(menuKeys.itemsOf(1), { items: [item(4, false), item(5, false)] });
    const { result } = renderHook(() => ({ list: useMenuItems(1), update: useUpdateMenuItem() }), {
      wrapper,
    });
    await act(() =>
      expect(
        result.current.update.mutateAsync({ item: item(5, false), body: { soldOut: true } }),
      ).rejects.toThrow('menu item not found'),
    );
    expect(api.sent.map((r) => `${r.method} ${r.path}`)).toEqual([
      'PATCH /admin/menu-items/5',
      'GET /admin/menu-items?categoryId=1',
    ]);
    expect(result.current.list.data?.items.map((i) => i.id)).toEqual([4]);
  });
});
