import { useId } from 'react';
import { useI18n } from '../shared/i18n/i18n';
import type { MenuItem } from './get-menu';

type OptionGroup = MenuItem['optionGroups'][number];

export interface OptionGroupFieldProps {
  group: OptionGroup;
  /** Every option id picked on the sheet (of all groups). */
  picked: ReadonlySet<number>;
  onChange: (picked: ReadonlySet<number>) => void;
}

/**
 * One option group on the item sheet: radio buttons when one option may be chosen (tapping the chosen
 * one again clears an optional group), check boxes up to `maxSelect` otherwise; sold-out options are
 * shown but cannot be chosen.
 */
export function OptionGroupField({ group, picked, onChange }: OptionGroupFieldProps) {
  const { t } = useI18n();
  const nameId = useId();
  const single = group.maxSelect === 1;
  const ids = group.options.map((o) => o.id);
  const count = group.options.filter((o) => picked.has(o.id) && !o.soldOut).length;
  const rule =
    group.minSelect === group.maxSelect
      ? t.optionChooseExactly(group.maxSelect)
      : group.minSelect === 0
        ? t.optionChooseUpTo(group.maxSelect)
        : t.optionChooseRange(group.minSelect, group.maxSelect);

  const set = (id: number, on: boolean) => {
    const next = new Set(picked);
    if (single) for (const other of ids) next.delete(other);
    if (on) next.add(id);
    else next.delete(id);
    onChange(next);
  };

  return (
    <fieldset className="option-group" aria-describedby={`${nameId}-rule`}>
      <legend className="option-group__head">
        <span className="option-group__name">{group.name}</span>
        {group.minSelect > 0 && <span className="badge badge--required">{t.optionRequired}</span>}
        <span id={`${nameId}-rule`} className="option-group__rule">
          {rule}
        </span>
      </legend>
      <ul className="option-group__options">
        {group.options.map((o) => {
          const on = picked.has(o.id) && !o.soldOut;
          const full = !single && !on && count >= group.maxSelect;
          return (
            <li key={o.id}>
              <label className="option" data-soldout={o.soldOut || undefined} data-checked={on || undefined}>
                <input
                  type={single ? 'radio' : 'checkbox'}
                  className="option__input"
                  name={nameId}
                  checked={on}
                  disabled={o.soldOut || full}
                  onChange={(e) => {
                    set(o.id, e.target.checked);
                  }}
                  onClick={() => {
                    // A radio button does not clear itself: tapping the chosen one clears an optional group.
                    if (single && on && group.minSelect === 0) set(o.id, false);
                  }}
                />
                <span className="option__name">{o.name}</span>
                {o.soldOut ? (
                  <span className="badge badge--soldout">{t.soldOut}</span>
                ) : (
                  o.priceDelta !== 0 && <span className="option__delta">{t.priceDelta(o.priceDelta)}</span>
                )}
              </label>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
