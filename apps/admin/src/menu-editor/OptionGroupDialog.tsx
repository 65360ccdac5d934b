import type { OptionGroup } from '@table-order/contracts';
import { OPTION_SELECT_MAX, OPTIONS_PER_GROUP_MAX } from '@table-order/contracts/constants';
import type { SubmitEvent } from 'react';
import { useI18n } from '../shared/i18n';
import { Field, Modal } from '../shared/ui';
import { useOptionGroupForm } from './use-option-group-form';
import { LANGUAGE_NAMES, TranslationsField, useTranslationLanguages } from './translations';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Create or edit an option group: its name, how many options a guest must and may choose, and its
 * options (name, extra charge, sold out) in the order guests see them.
 */
export function OptionGroupDialog({
  group,
  onSaved,
  onClose,
}: {
  group: OptionGroup | null;
  onSaved: (group: OptionGroup) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const form = useOptionGroupForm({ group, onSaved });
  const languages = useTranslationLanguages();
  const { values, errors } = form;
  const count = values.options.length;

  function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    void form.submit();
  }

  return (
    <Modal
      title={group ? t('options.editTitle', { name: group.name }) : t('options.newTitle')}
      onClose={onClose}
      variant="sheet"
      footer={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button
            type="submit"
            form="option-group-form"
            className="btn btn--primary btn--lg"
            disabled={form.busy}
          >
            {form.busy ? t('item.saving') : t('item.save')}
          </button>
        </>
      }
    >
      <form id="option-group-form" className="option-form" onSubmit={handleSubmit} noValidate>
        <Field id="option-group-name" label={t('options.name')} error={errors.name}>
          {(c) => (
            <input
              {...c}
              autoComplete="off"
              value={values.name}
              onChange={(e) => {
                form.setField('name', e.target.value);
              }}
            />
          )}
        </Field>
        <TranslationsField
          id="option-group-translations"
          value={values.translations}
          onChange={(next) => {
            form.setField('translations', next);
          }}
        />
        <div className="option-form__limits">
          <Field id="option-group-min" label={t('options.minSelect')} error={errors.select}>
            {(c) => (
              <select
                {...c}
                value={values.minSelect}
                onChange={(e) => {
                  form.setField('minSelect', Number(e.target.value));
                }}
              >
                {range(0, OPTION_SELECT_MAX).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="option-group-max" label={t('options.maxSelect')}>
            {(c) => (
              <select
                {...c}
                aria-invalid={errors.select ? true : undefined}
                value={values.maxSelect}
                onChange={(e) => {
                  form.setField('maxSelect', Number(e.target.value));
                }}
              >
                {range(1, OPTION_SELECT_MAX).map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <p className="field__hint option-form__hint">{t('options.selectHint')}</p>
        </div>
        <fieldset className="option-form__options">
          <legend>{t('options.options')}</legend>
          <div className="option-rows__head" aria-hidden="true">
            <span>{t('options.optionName')}</span>
            <span>{t('options.priceDelta')}</span>
            <span>{t('menu.soldOut')}</span>
          </div>
          <ol className="option-rows">
            {values.options.map((o, i) => {
              const n = i + 1;
              const rowErrors = errors.rows[o.key] ?? {};
              return (
                <li key={o.key} className="option-row">
                  <input
                    className="option-row__name"
                    aria-label={t('options.optionNameLabel', { n })}
                    aria-invalid={rowErrors.name ? true : undefined}
                    autoComplete="off"
                    value={o.name}
                    onChange={(e) => {
                      form.setOption(o.key, { name: e.target.value });
                    }}
                  />
                  <input
                    className="option-row__delta"
                    aria-label={t('options.priceDeltaLabel', { n })}
                    aria-invalid={rowErrors.priceDelta ? true : undefined}
                    inputMode="numeric"
                    autoComplete="off"
                    value={o.priceDelta}
                    onChange={(e) => {
                      form.setOption(o.key, { priceDelta: e.target.value });
                    }}
                  />
                  <label className="check option-row__soldout">
                    <input
                      type="checkbox"
                      aria-label={t('options.optionSoldOutLabel', { n })}
                      checked={o.soldOut}
                      onChange={(e) => {
                        form.setOption(o.key, { soldOut: e.target.checked });
                      }}
                    />
                  </label>
                  <div className="option-row__tools">
                    <button
                      type="button"
                      className="btn btn--icon"
                      aria-label={t('options.moveUpLabel', { n })}
                      disabled={i === 0}
                      onClick={() => {
                        form.moveOption(i, i - 1);
                      }}
                    >
                      <span aria-hidden="true">▲</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn--icon"
                      aria-label={t('options.moveDownLabel', { n })}
                      disabled={i === count - 1}
                      onClick={() => {
                        form.moveOption(i, i + 1);
                      }}
                    >
                      <span aria-hidden="true">▼</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn--icon btn--quiet-danger"
                      aria-label={t('options.removeLabel', { n })}
                      disabled={count === 1}
                      onClick={() => {
                        form.removeOption(o.key);
                      }}
                    >
                      <span aria-hidden="true">✕</span>
                    </button>
                  </div>
                  {(rowErrors.name ?? rowErrors.priceDelta) && (
                    <p className="field__error option-row__error">
                      {[rowErrors.name, rowErrors.priceDelta].filter(Boolean).join(' ')}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
          {errors.options && <p className="field__error">{errors.options}</p>}
          <button
            type="button"
            className="btn"
            disabled={count >= OPTIONS_PER_GROUP_MAX}
            onClick={form.addOption}
          >
            + {t('options.addOption')}
          </button>
        </fieldset>
        {languages.length > 0 && (
          <fieldset className="translations">
            <legend>{t('tr.optionNames')}</legend>
            {values.options.map((o, i) => (
              <div key={o.key} className="translations__option">
                {languages.map((lang) => (
                  <div key={lang} className="translations__lang" lang={lang}>
                    <label htmlFor={`option-${o.key}-${lang}`}>
                      {`${o.name.trim() || String(i + 1)} · ${LANGUAGE_NAMES[lang]}`}
                    </label>
                    <input
                      id={`option-${o.key}-${lang}`}
                      autoComplete="off"
                      value={o.translations[lang]?.name ?? ''}
                      onChange={(e) => {
                        form.setOption(o.key, {
                          translations: { ...o.translations, [lang]: { name: e.target.value } },
                        });
                      }}
                    />
                  </div>
                ))}
              </div>
            ))}
          </fieldset>
        )}
        {errors.form && (
          <p className="notice notice--error" role="alert">
            {errors.form}
          </p>
        )}
      </form>
    </Modal>
  );
}
