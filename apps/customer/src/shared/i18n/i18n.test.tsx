import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { LanguageToggle } from '../ui/LanguageToggle';
import { en } from './en';
import { I18nProvider, useI18n } from './i18n';
import { ja } from './ja';
import { ko, type Messages } from './ko';
import { zh } from './zh';

function Shown() {
  const { t } = useI18n();
  return <p data-testid="shown">{t.cartEmpty}</p>;
}

function renderSwitch() {
  return render(
    <I18nProvider>
      <LanguageToggle />
      <Shown />
    </I18nProvider>,
  );
}

describe('the tablet languages', () => {
  it('offers each language by its own name, one tap each, and remembers the choice', async () => {
    renderSwitch();
    const group = screen.getByRole('group', { name: '언어' });
    const buttons = [...group.querySelectorAll('button')];
    expect(buttons.map((b) => [b.textContent, b.lang])).toEqual([
      ['한국어', 'ko'],
      ['English', 'en'],
      ['日本語', 'ja'],
      ['中文', 'zh'],
    ]);
    expect(screen.getByRole('button', { name: '한국어' }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByTestId('shown').textContent).toBe('장바구니가 비어 있습니다');

    fireEvent.click(screen.getByRole('button', { name: '日本語' }));
    expect(await screen.findByText('カートは空です')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(screen.getByRole('group', { name: '言語' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('table-order:lang')).toBe('"ja"');

    fireEvent.click(screen.getByRole('button', { name: '中文' }));
    expect(await screen.findByText('购物车是空的')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByText('Your cart is empty')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '한국어' }));
    expect(await screen.findByText('장바구니가 비어 있습니다')).toBeTruthy();
    expect(document.documentElement.lang).toBe('ko');
  });

  it('starts in the language an earlier run chose, once its catalog has loaded', async () => {
    localStorage.setItem('table-order:lang', '"zh"');
    renderSwitch();
    expect(await screen.findByText('购物车是空的')).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '한국어' }));
      await Promise.resolve();
    });
    expect(screen.getByTestId('shown').textContent).toBe('장바구니가 비어 있습니다');
  });

  it('has every text in every catalog, none left in Korean', () => {
    const keys = Object.keys(ko).sort();
    for (const catalog of [en, ja, zh] as Messages[]) {
      expect(Object.keys(catalog).sort()).toEqual(keys);
      for (const key of keys) {
        const value = catalog[key as keyof Messages];
        // Only the switch back to Korean is written in Korean.
        if (typeof value === 'string' && !key.startsWith('switchLanguage')) {
          expect(value, `${catalog.lang}.${key}`).not.toMatch(/[가-힣]/);
        }
      }
    }
  });
});
