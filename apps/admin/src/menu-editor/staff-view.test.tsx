import type { Category, MenuItem } from '@table-order/contracts';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { ToastProvider } from '../shared/ui';
import { CategoriesPanel } from './CategoriesPanel';
import { ItemsPanel } from './ItemsPanel';
import { OptionGroupsPanel } from './OptionGroupsPanel';
import { savedItem, seedStoreSettings } from './test-fixtures';

const role = vi.hoisted(() => ({ owner: false }));
vi.mock('../auth', () => ({
  useIsOwner: () => role.owner,
  useSession: () => ({ store: { identifier: 'demo', name: '데모 식당', timeZone: 'Asia/Seoul' } }),
}));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const category: Category = { id: 1, name: '메인', displayOrder: 0 };
// 10:42Z is 19:42 in Seoul.
const item: MenuItem = { ...savedItem, lastChange: { username: 'kim', at: '2026-03-10T10:42:00.000Z' } };

function renderMenu() {
  const { queryClient, wrapper: Query } = queryWrapper();
  seedStoreSettings(queryClient);
  render(
    <Query>
      <ToastProvider>
        <CategoriesPanel categories={[category]} selectedId={1} onSelect={() => undefined} />
        <ItemsPanel category={category} categories={[category]} />
      </ToastProvider>
    </Query>,
  );
}

describe('menu for staff and owners', () => {
  it('staff see the menu with its sold-out switches only, and who changed each item last', async () => {
    role.owner = false;
    const api = fakeApi();
    api.answer(200, { items: [item, { ...savedItem, id: 8, name: '된장찌개', lastChange: null }] });
    api.answer(200, { ...item, soldOut: true });
    renderMenu();

    await screen.findByText('최근 변경: kim · 19:42');
    screen.getByText('메뉴 수정은 사장님만 할 수 있습니다. 품절 전환은 직원도 할 수 있습니다.');
    for (const name of ['메뉴 추가', '김치찌개 수정', '김치찌개 삭제', '메인 이름 변경', '카테고리 추가']) {
      expect(screen.queryByRole('button', { name: new RegExp(name) }), name).toBeNull();
    }
    expect(screen.getByRole('listitem', { name: '김치찌개' }).getAttribute('draggable')).toBe('false');

    fireEvent.click(screen.getByRole('switch', { name: '김치찌개 품절' }));
    await waitFor(() => {
      expect(api.sent.at(-1)).toEqual({
        method: 'PATCH',
        path: '/admin/menu-items/7',
        body: { soldOut: true },
      });
    });
  });

  it('owners get the editing tools', async () => {
    role.owner = true;
    const api = fakeApi();
    api.answer(200, { items: [item] });
    renderMenu();
    await screen.findByRole('button', { name: '김치찌개 수정' });
    screen.getByRole('button', { name: '+ 메뉴 추가' });
    screen.getByRole('button', { name: '메인 이름 변경' });
    expect(screen.queryByText(/품절 전환은 직원도/)).toBeNull();
    expect(api.sent).toHaveLength(1);
  });

  it('keeps focus on an item moved to the last place (its ▼ goes disabled, ▲ takes the focus)', async () => {
    role.owner = true;
    const api = fakeApi();
    const second = { ...savedItem, id: 8, name: '된장찌개', lastChange: null };
    api.answer(200, { items: [item, second] });
    api.answer(200, { items: [second, item] });
    api.answer(200, { items: [second, item] });
    renderMenu();
    const down = await screen.findByRole('button', { name: '김치찌개 아래로 이동' });
    down.focus();
    fireEvent.click(down);
    await waitFor(() => {
      expect(api.sent.at(-1)).toMatchObject({ method: 'PUT', path: '/admin/menu-items/order' });
    });
    await waitFor(() => {
      expect(screen.getByRole('button', { name: '김치찌개 아래로 이동' }).hasAttribute('disabled')).toBe(
        true,
      );
      expect(document.activeElement).toBe(screen.getByRole('button', { name: '김치찌개 위로 이동' }));
    });
  });

  it('staff see option groups with their sold-out switches only', async () => {
    role.owner = false;
    const api = fakeApi();
    const group = {
      id: 3,
      name: '맵기',
      minSelect: 1,
      maxSelect: 1,
      options: [
        { id: 11, name: '보통', priceDelta: 0, soldOut: false },
        { id: 12, name: '아주 매운맛', priceDelta: 500, soldOut: false },
      ],
    };
    api.answer(200, { items: [group] });
    api.answer(200, { ...group, options: [group.options[0], { ...group.options[1], soldOut: true }] });
    const { wrapper: Query } = queryWrapper();
    render(
      <Query>
        <ToastProvider>
          <OptionGroupsPanel />
        </ToastProvider>
      </Query>,
    );
    const sw = await screen.findByRole('switch', { name: '맵기 아주 매운맛 품절' });
    for (const name of ['옵션 그룹 추가', '옵션 그룹 맵기 수정', '옵션 그룹 맵기 삭제']) {
      expect(screen.queryByRole('button', { name }), name).toBeNull();
    }
    fireEvent.click(sw);
    await waitFor(() => {
      expect(api.sent.at(-1)).toMatchObject({ method: 'PATCH', path: '/admin/option-groups/3' });
    });
  });
});
