import { ITEM_OPTION_GROUPS_MAX } from '@table-order/contracts/constants';
import { useId } from 'react';
import { useI18n } from '../shared/i18n';
import { useOptionGroups } from './api/list-option-groups';
import { groupRule } from './option-rule';
import { move } from './reorder';

/** The item form's option groups: the attached ones in order (move up/down, remove) and a picker to attach more. */
export function OptionGroupsField({
  value,
  error,
  onChange,
}: {
  value: number[];
  error?: string | undefined;
  onChange: (ids: number[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const groups = useOptionGroups().data?.items ?? [];
  const byId = new Map(groups.map((g) => [g.id, g]));
  const available = groups.filter((g) => !value.includes(g.id));

  return (
    <fieldset className={['field', 'option-groups-field', error ? 'field--invalid' : ''].join(' ')}>
      <legend>{t('item.optionGroups')}</legend>
      <p className="field__hint">{t('item.optionGroupsHint')}</p>
      {value.length === 0 ? (
        <p className="muted">{t('item.noOptionGroups')}</p>
      ) : (
        <ol className="option-groups-field__list">
          {value.map((groupId, i) => {
            const g = byId.get(groupId);
            const name = g?.name ?? `#${String(groupId)}`;
            return (
              <li key={groupId} className="option-groups-field__row">
                <span className="option-groups-field__name">{name}</span>
                {g && <span className="muted">{groupRule(g, t)}</span>}
                <span className="option-groups-field__tools">
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('item.optionGroupUpLabel', { name })}
                    disabled={i === 0}
                    onClick={() => {
                      onChange(move(value, i, i - 1));
                    }}
                  >
                    <span aria-hidden="true">▲</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('item.optionGroupDownLabel', { name })}
                    disabled={i === value.length - 1}
                    onClick={() => {
                      onChange(move(value, i, i + 1));
                    }}
                  >
                    <span aria-hidden="true">▼</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--icon btn--quiet-danger"
                    aria-label={t('item.optionGroupRemoveLabel', { name })}
                    onClick={() => {
                      onChange(value.filter((x) => x !== groupId));
                    }}
                  >
                    <span aria-hidden="true">✕</span>
                  </button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {available.length > 0 && value.length < ITEM_OPTION_GROUPS_MAX && (
        <div className="option-groups-field__add">
          <label htmlFor={`${id}-add`} className="sr-only">
            {t('item.addOptionGroup')}
          </label>
          <select
            id={`${id}-add`}
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...value, Number(e.target.value)]);
            }}
          >
            <option value="">+ {t('item.addOptionGroup')}</option>
            {available.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
