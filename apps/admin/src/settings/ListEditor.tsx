import { CALL_REASON_MAX } from '@table-order/contracts/constants';
import { useId, useRef } from 'react';
import { useI18n } from '../shared/i18n';

/**
 * Edits a short list of labels (call reasons, request chips): each row an input with up/down/remove,
 * and an add button (disabled at the list's maximum).
 */
export function ListEditor({
  label,
  hint,
  error,
  items,
  max,
  onChange,
}: {
  label: string;
  hint: string;
  error: string | undefined;
  items: string[];
  max: number;
  onChange: (items: string[]) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const list = useRef<HTMLOListElement>(null);

  const move = (i: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(i, 1);
    if (item === undefined) return;
    next.splice(i + by, 0, item);
    onChange(next);
  };

  return (
    <fieldset
      className={['list-editor', error ? 'field--invalid' : ''].join(' ')}
      aria-describedby={`${id}-hint`}
    >
      <legend className="field__label">{label}</legend>
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      <ol className="list-editor__items" ref={list}>
        {items.map((item, i) => {
          const name = item.trim() || t('settings.itemN', { n: i + 1 });
          return (
            // Rows are edited in place: their position is their identity.
            <li key={i} className="list-editor__row">
              <input
                value={item}
                maxLength={CALL_REASON_MAX}
                aria-label={t('settings.itemLabel', { list: label, n: i + 1 })}
                aria-invalid={error ? true : undefined}
                onChange={(e) => {
                  onChange(items.map((x, j) => (j === i ? e.target.value : x)));
                }}
              />
              <button
                type="button"
                className="btn btn--icon"
                aria-label={t('settings.moveUp', { name })}
                disabled={i === 0}
                onClick={() => {
                  move(i, -1);
                }}
              >
                ↑
              </button>
              <button
                type="button"
                className="btn btn--icon"
                aria-label={t('settings.moveDown', { name })}
                disabled={i === items.length - 1}
                onClick={() => {
                  move(i, 1);
                }}
              >
                ↓
              </button>
              <button
                type="button"
                className="btn btn--quiet-danger"
                aria-label={t('settings.remove', { name })}
                onClick={() => {
                  onChange(items.filter((_, j) => j !== i));
                }}
              >
                {t('settings.removeShort')}
              </button>
            </li>
          );
        })}
      </ol>
      <button
        type="button"
        className="btn list-editor__add"
        disabled={items.length >= max}
        onClick={() => {
          onChange([...items, '']);
          // Focus the new row once it is rendered.
          requestAnimationFrame(() => {
            list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus();
          });
        }}
      >
        {t('settings.add', { list: label })}
      </button>
      {error && <p className="field__error">{error}</p>}
    </fieldset>
  );
}
