import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, queryWrapper } from '../shared/api/testing';
import { menuKeys } from './api/query-keys';
import { ItemFormDialog } from './ItemFormDialog';
import { savedItem, seedStoreSettings } from './test-fixtures';
import { cleanTranslations, MissingTranslations } from './translations';

function renderItemForm(menuLanguages: ('ko' | 'en' | 'ja' | 'zh')[]) {
  const onSaved = vi.fn();
  const { queryClient, wrapper } = queryWrapper();
  queryClient.setQueryData(menuKeys.optionGroups(), { items: [] });
  seedStoreSettings(queryClient, menuLanguages);
  render(
    <ItemFormDialog
      item={{ ...savedItem, translations: { en: { name: 'Kimchi stew' } } }}
      categories={[{ id: 1, name: '찌개', displayOrder: 0 }]}
      categoryId={1}
      onSaved={onSaved}
      onClose={vi.fn()}
    />,
    { wrapper },
  );
  const save = () => {
    fireEvent.click(screen.getByRole('button', { name: /저장/, hidden: true }));
  };
  return { onSaved, save };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('menu translations in the dashboard', () => {
  it('offers a name and description per enabled language beside the Korean fields and sends the whole object', async () => {
    const api = fakeApi();
    api.answer(200, savedItem);
    const { onSaved, save } = renderItemForm(['ko', 'en', 'ja']);
    const enName = screen.getByLabelText<HTMLInputElement>('English 이름');
    expect(enName.value).toBe('Kimchi stew');
    expect(screen.getByLabelText('日本語 설명')).toBeTruthy();
    // Chinese is not one of the store's languages.
    expect(screen.queryByLabelText('中文 이름')).toBeNull();
    fireEvent.change(screen.getByLabelText('日本語 이름'), { target: { value: ' キムチチゲ ' } });
    fireEvent.change(screen.getByLabelText('日本語 설명'), { target: { value: '豚肉入り' } });
    save();
    await waitFor(() => {
      expect(onSaved).toHaveBeenCalled();
    });
    expect(api.sent).toEqual([
      {
        method: 'PATCH',
        path: '/admin/menu-items/7',
        body: {
          translations: { en: { name: 'Kimchi stew' }, ja: { name: 'キムチチゲ', description: '豚肉入り' } },
        },
      },
    ]);
  });

  it('refuses a translated description without a name before sending', async () => {
    const api = fakeApi();
    const { onSaved, save } = renderItemForm(['ko', 'en', 'ja']);
    fireEvent.change(screen.getByLabelText('日本語 설명'), { target: { value: '豚肉入り' } });
    save();
    await screen.findByText('설명을 번역하려면 이름도 입력하세요.');
    expect(api.sent).toEqual([]);
    expect(onSaved).not.toHaveBeenCalled();
  });

  it('says where to turn languages on when the store offers only Korean', () => {
    fakeApi();
    renderItemForm(['ko']);
    expect(screen.getByText(/설정에서 메뉴 언어/)).toBeTruthy();
    expect(screen.queryByLabelText('English 이름')).toBeNull();
  });

  it('flags the languages an entry lacks', () => {
    const { wrapper } = queryWrapper();
    render(<MissingTranslations translations={{ en: { name: 'Cola' } }} languages={['en', 'ja', 'zh']} />, {
      wrapper,
    });
    expect(screen.getByText('번역 없음: 日本語 · 中文')).toBeTruthy();
    cleanup();
    render(<MissingTranslations translations={{ en: { name: 'Cola' } }} languages={['en']} />, { wrapper });
    expect(screen.queryByText(/번역 없음/)).toBeNull();
    expect(cleanTranslations({ en: { name: '', description: '' }, ja: { name: ' 辛口 ' } })).toEqual({
      ja: { name: '辛口' },
    });
  });
});
