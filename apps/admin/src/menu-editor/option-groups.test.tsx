import type { MenuItem, OptionGroup } from '@table-order/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { menuKeys } from './api/query-keys';
import { ItemFormDialog } from './ItemFormDialog';
import { OptionGroupDialog } from './OptionGroupDialog';
import { OptionGroupsPanel } from './OptionGroupsPanel';
import { savedItem, seedStoreSettings } from './test-fixtures';

// An owner's view (staff's is in staff-view.test.tsx).
vi.mock('../auth', () => ({ useIsOwner: () => true }));

const spicy: OptionGroup = {
  id: 1,
  name: '맵기 선택',
  minSelect: 1,
  maxSelect: 1,
  options: [
    { id: 11, name: '순한맛', priceDelta: 0, soldOut: false },
    { id: 12, name: '아주 매운맛', priceDelta: 500, soldOut: false },
  ],
};
const extras: OptionGroup = {
  id: 2,
  name: '사리 추가',
  minSelect: 0,
  maxSelect: 3,
  options: [
    { id: 21, name: '라면사리', priceDelta: 1500, soldOut: false },
    { id: 22, name: '치즈', priceDelta: 2000, soldOut: true },
    { id: 23, name: '떡사리', priceDelta: 1000, soldOut: false },
  ],
};

/** Renders `ui` with the option groups already loaded (so requests below are only what the test does). */
function renderWithGroups(ui: React.ReactElement, groups: OptionGroup[] = [spicy, extras]) {
  const { queryClient, wrapper } = queryWrapper();
  queryClient.setQueryData(menuKeys.optionGroups(), { items: groups });
  seedStoreSettings(queryClient);
  render(ui, { wrapper });
  const cached = () => queryClient.getQueryData<{ items: OptionGroup[] }>(menuKeys.optionGroups())?.items;
  return { queryClient, cached };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('option groups panel', () => {
  it('lists each group with its rule, options, extra charges and sold-out switches', () => {
    fakeApi();
    renderWithGroups(<OptionGroupsPanel />);
    const card = screen.getByRole('listitem', { name: '맵기 선택' });
    expect(within(card).getByText('필수 · 1개 선택')).toBeTruthy();
    expect(within(card).getByText('+500원')).toBeTruthy();
    expect(within(card).getByText('추가 금액 없음')).toBeTruthy();
    const other = screen.getByRole('listitem', { name: '사리 추가' });
    expect(within(other).getByText('선택 · 최대 3개')).toBeTruthy();
    expect(within(other).getByRole<HTMLInputElement>('switch', { name: '사리 추가 치즈 품절' }).checked).toBe(
      true,
    );
  });

  it('an option’s sold-out switch flips at once and sends the group’s full option list', async () => {
    const api = fakeApi();
    const saved = {
      ...extras,
      options: extras.options.map((o) => (o.id === 21 ? { ...o, soldOut: true } : o)),
    };
    const release = api.answerLater(200, saved);
    const { cached } = renderWithGroups(<OptionGroupsPanel />);
    fireEvent.click(screen.getByRole('switch', { name: '사리 추가 라면사리 품절' }));
    await waitFor(() => {
      expect(cached()?.[1]?.options.map((o) => o.soldOut)).toEqual([true, true, false]);
    });
    release();
    await waitFor(() => {
      expect(api.sent).toHaveLength(1);
    });
    expect(api.sent[0]).toEqual({
      method: 'PATCH',
      path: '/admin/option-groups/2',
      body: {
        options: [
          { id: 21, name: '라면사리', priceDelta: 1500, soldOut: true },
          { id: 22, name: '치즈', priceDelta: 2000, soldOut: true },
          { id: 23, name: '떡사리', priceDelta: 1000, soldOut: false },
        ],
      },
    });
  });

  it('deleting a group the menu still uses shows the refusal naming the dishes', async () => {
    const api = fakeApi();
    api.answer(409, {
      error: 'option_group_in_use',
      message: 'Option group "맵기 선택" is used by: 떡볶이, 김치찌개.',
      details: [
        { menuItemId: 5, name: '떡볶이' },
        { menuItemId: 1, name: '김치찌개' },
      ],
    });
    renderWithGroups(<OptionGroupsPanel />);
    fireEvent.click(screen.getByRole('button', { name: '옵션 그룹 맵기 선택 삭제' }));
    const dialog = screen.getByRole('alertdialog', { name: '옵션 그룹 삭제' });
    fireEvent.click(within(dialog).getByRole('button', { name: '삭제' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain(
      '"맵기 선택" 옵션 그룹은 이 메뉴에서 쓰고 있어 삭제할 수 없습니다: 떡볶이, 김치찌개',
    );
    expect(api.sent).toEqual([{ method: 'DELETE', path: '/admin/option-groups/1', body: undefined }]);
  });
});

describe('option group form', () => {
  it('checks names, charges and limits before sending, then creates the group with its options in order', async () => {
    const api = fakeApi();
    api.answer(201, { ...spicy, id: 9, name: '사이즈' });
    const onSaved = vi.fn();
    renderWithGroups(<OptionGroupDialog group={null} onSaved={onSaved} onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: '옵션 그룹 추가' });
    const save = within(dialog).getByRole('button', { name: '저장' });

    fireEvent.click(save);
    expect(await within(dialog).findByText('그룹 이름을 입력하세요.')).toBeTruthy();
    expect(within(dialog).getByText('옵션 이름을 입력하세요 (1~50자).')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('그룹 이름'), { target: { value: ' 사이즈 ' } });
    fireEvent.change(within(dialog).getByLabelText('최소 선택 개수'), { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('옵션 1 이름'), { target: { value: '곱빼기' } });
    fireEvent.change(within(dialog).getByLabelText('옵션 1 추가 금액'), { target: { value: '2,000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '+ 옵션 추가' }));
    fireEvent.change(within(dialog).getByLabelText('옵션 2 이름'), { target: { value: '곱빼기' } });
    fireEvent.change(within(dialog).getByLabelText('옵션 2 추가 금액'), { target: { value: '1,000,001' } });
    fireEvent.change(within(dialog).getByLabelText('최대 선택 개수'), { target: { value: '3' } });
    fireEvent.click(save);
    expect(await within(dialog).findByText(/같은 이름의 옵션이 이미 있습니다/)).toBeTruthy();
    expect(within(dialog).getByText(/-1,000,000~1,000,000/)).toBeTruthy();
    expect(within(dialog).getByText(/최소 선택 ≤ 최대 선택 ≤ 옵션 수/)).toBeTruthy();
    expect(api.sent).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('옵션 2 이름'), { target: { value: '보통' } });
    fireEvent.change(within(dialog).getByLabelText('옵션 2 추가 금액'), { target: { value: '0' } });
    fireEvent.change(within(dialog).getByLabelText('최대 선택 개수'), { target: { value: '1' } });
    // The plain size first.
    fireEvent.click(within(dialog).getByRole('button', { name: '옵션 2 위로 이동' }));
    fireEvent.click(save);
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(api.sent).toEqual([
      {
        method: 'POST',
        path: '/admin/option-groups',
        body: {
          name: '사이즈',
          minSelect: 1,
          maxSelect: 1,
          options: [
            { name: '보통', priceDelta: 0, soldOut: false },
            { name: '곱빼기', priceDelta: 2000, soldOut: false },
          ],
        },
      },
    ]);
  });

  it('an edit keeps option ids, adds new ones without, leaves removed ones out and shows a taken name', async () => {
    const api = fakeApi();
    api.answer(409, { error: 'option_group_name_taken', message: 'taken' });
    api.answer(200, extras);
    const onSaved = vi.fn();
    renderWithGroups(<OptionGroupDialog group={extras} onSaved={onSaved} onClose={vi.fn()} />);
    const dialog = screen.getByRole('dialog', { name: '옵션 그룹 수정: 사리 추가' });
    fireEvent.change(within(dialog).getByLabelText('그룹 이름'), { target: { value: '맵기 선택' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '저장' }));
    expect(await within(dialog).findByText('같은 이름의 옵션 그룹이 이미 있습니다.')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('그룹 이름'), { target: { value: '사리 추가' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '옵션 1 빼기' }));
    fireEvent.click(within(dialog).getByRole('button', { name: '+ 옵션 추가' }));
    fireEvent.change(within(dialog).getByLabelText('옵션 3 이름'), { target: { value: '당면사리' } });
    fireEvent.change(within(dialog).getByLabelText('옵션 3 추가 금액'), { target: { value: '1000' } });
    fireEvent.click(within(dialog).getByLabelText('옵션 1 품절'));
    fireEvent.click(within(dialog).getByRole('button', { name: '저장' }));
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(api.sent[1]).toEqual({
      method: 'PATCH',
      path: '/admin/option-groups/2',
      body: {
        // Removing an option left two, so the maximum came down to what two allow.
        maxSelect: 2,
        options: [
          { id: 22, name: '치즈', priceDelta: 2000, soldOut: false },
          { id: 23, name: '떡사리', priceDelta: 1000, soldOut: false },
          { name: '당면사리', priceDelta: 1000, soldOut: false },
        ],
      },
    });
  });
});

describe('item form option groups', () => {
  it('attaches groups, orders them and sends optionGroupIds', async () => {
    const api = fakeApi();
    const item: MenuItem = { ...savedItem, optionGroupIds: [2] };
    api.answer(200, { ...item, optionGroupIds: [1, 2] });
    const onSaved = vi.fn();
    renderWithGroups(
      <ItemFormDialog
        item={item}
        categories={[{ id: 1, name: '찌개', displayOrder: 0 }]}
        categoryId={1}
        onSaved={onSaved}
        onClose={vi.fn()}
      />,
    );
    const field = screen.getByRole('group', { name: '옵션 그룹' });
    expect(within(field).getByText('사리 추가')).toBeTruthy();
    fireEvent.change(within(field).getByLabelText('옵션 그룹 붙이기'), { target: { value: '1' } });
    fireEvent.click(within(field).getByRole('button', { name: '옵션 그룹 맵기 선택 위로 이동' }));
    fireEvent.click(screen.getByRole('button', { name: '저장', hidden: true }));
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(api.sent).toEqual([
      { method: 'PATCH', path: '/admin/menu-items/7', body: { optionGroupIds: [1, 2] } },
    ]);
  });
});
