import type { OptionGroup } from '@table-order/contracts';
import type { Translate } from '../shared/i18n';

/** "필수 · 1개 선택", "선택 · 최대 3개": who must choose and how many. */
export function groupRule(g: Pick<OptionGroup, 'minSelect' | 'maxSelect'>, t: Translate): string {
  const need = g.minSelect > 0 ? t('options.required') : t('options.optional');
  const count =
    g.minSelect === g.maxSelect
      ? t('options.ruleExactly', { n: g.maxSelect })
      : g.minSelect === 0
        ? t('options.ruleUpTo', { n: g.maxSelect })
        : t('options.ruleRange', { min: g.minSelect, max: g.maxSelect });
  return `${need} · ${count}`;
}
