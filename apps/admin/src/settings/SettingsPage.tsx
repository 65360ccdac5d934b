import type { MenuLanguage } from '@table-order/contracts';
import {
  CALL_REASONS_MAX,
  IDLE_TIMEOUT_MAX,
  IDLE_TIMEOUT_MIN,
  KITCHEN_MINUTES_MAX,
  REQUEST_CHIPS_MAX,
  STORE_NAME_MAX,
} from '@table-order/contracts/constants';
import type { StoreSettings } from '@table-order/contracts';
import type { SubmitEvent } from 'react';
import { errorMessage } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { Field, useToast, type FieldControlProps } from '../shared/ui';
import { useStoreSettings } from './api/get-store-settings';
import { ListEditor } from './ListEditor';
import { useSettingsForm } from './use-settings-form';

/** Each menu language in its own name (flags are not languages). */
const LANGUAGE_NAMES: Record<MenuLanguage, string> = {
  ko: '한국어',
  en: 'English',
  ja: '日本語',
  zh: '中文',
};

/** Time zones the browser knows, for the picker's suggestions. */
function knownTimeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Seoul'];
  }
}

/** The store's settings: name, time zone, staff-call reasons, request chips, menu languages, idle timeout. */
export function SettingsPage() {
  const { t } = useI18n();
  const query = useStoreSettings();
  return (
    <div className="page settings">
      <h1 className="page__title">{t('settings.title')}</h1>
      {query.isPending && <div className="skeleton skeleton--panel" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.data && <SettingsForm saved={query.data} />}
    </div>
  );
}

function SettingsForm({ saved }: { saved: StoreSettings }) {
  const { t } = useI18n();
  const notify = useToast();
  const form = useSettingsForm(saved, () => {
    notify(t('settings.saved'));
  });
  const { values, set, errors } = form;

  /** A kitchen timer's minutes (1 … KITCHEN_MINUTES_MAX). */
  const minutesInput = (c: FieldControlProps, key: 'kitchenAmber' | 'kitchenRed') => (
    <input
      {...c}
      type="number"
      inputMode="numeric"
      min={1}
      max={KITCHEN_MINUTES_MAX}
      value={values[key]}
      onChange={(e) => {
        set(key, e.target.value);
      }}
    />
  );

  function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    void form.submit();
  }

  return (
    <form className="settings__form" onSubmit={handleSubmit} noValidate>
      <section className="panel settings__section" aria-labelledby="settings-store">
        <h2 className="panel__title" id="settings-store">
          {t('settings.store')}
        </h2>
        <p className="field__hint settings__identifier">
          {t('settings.identifier', { id: saved.identifier })}
        </p>
        <div className="form-row">
          <Field id="settings-name" label={t('settings.name')} error={errors.name}>
            {(c) => (
              <input
                {...c}
                value={values.name}
                maxLength={STORE_NAME_MAX}
                onChange={(e) => {
                  set('name', e.target.value);
                }}
              />
            )}
          </Field>
          <Field
            id="settings-tz"
            label={t('settings.timeZone')}
            hint={t('settings.timeZoneHint')}
            error={errors.timeZone}
          >
            {(c) => (
              <>
                <input
                  {...c}
                  list="settings-tz-list"
                  value={values.timeZone}
                  autoComplete="off"
                  onChange={(e) => {
                    set('timeZone', e.target.value);
                  }}
                />
                <datalist id="settings-tz-list">
                  {knownTimeZones().map((tz) => (
                    <option key={tz} value={tz} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
      </section>

      <section className="panel settings__section" aria-labelledby="settings-tablet">
        <h2 className="panel__title" id="settings-tablet">
          {t('settings.tablet')}
        </h2>
        <div className="settings__lists">
          <ListEditor
            label={t('settings.callReasons')}
            hint={t('settings.callReasonsHint', { max: CALL_REASONS_MAX })}
            error={errors.callReasons}
            items={values.callReasons}
            max={CALL_REASONS_MAX}
            onChange={(list) => {
              set('callReasons', list);
            }}
          />
          <ListEditor
            label={t('settings.requestChips')}
            hint={t('settings.requestChipsHint', { max: REQUEST_CHIPS_MAX })}
            error={errors.requestChips}
            items={values.requestChips}
            max={REQUEST_CHIPS_MAX}
            onChange={(list) => {
              set('requestChips', list);
            }}
          />
        </div>
        <fieldset className="settings__languages">
          <legend className="field__label">{t('settings.languages')}</legend>
          <p className="field__hint">{t('settings.languagesHint')}</p>
          <div className="settings__language-list">
            {(Object.keys(LANGUAGE_NAMES) as MenuLanguage[]).map((lang) => (
              <label key={lang} className="check">
                <input
                  type="checkbox"
                  checked={lang === 'ko' || values.menuLanguages.includes(lang)}
                  disabled={lang === 'ko'}
                  onChange={(e) => {
                    set(
                      'menuLanguages',
                      e.target.checked
                        ? [...values.menuLanguages, lang]
                        : values.menuLanguages.filter((l) => l !== lang),
                    );
                  }}
                />
                {lang === 'ko' ? t('settings.korean', { name: LANGUAGE_NAMES.ko }) : LANGUAGE_NAMES[lang]}
              </label>
            ))}
          </div>
          {errors.menuLanguages && <p className="field__error">{errors.menuLanguages}</p>}
        </fieldset>
        <div className="form-row settings__idle">
          <label className="check">
            <input
              type="checkbox"
              checked={values.idleOn}
              onChange={(e) => {
                set('idleOn', e.target.checked);
              }}
            />
            {t('settings.idleOn')}
          </label>
          <Field
            id="settings-idle"
            label={t('settings.idleSeconds')}
            hint={t('settings.idleHint', { min: IDLE_TIMEOUT_MIN, max: IDLE_TIMEOUT_MAX })}
            error={errors.idle}
          >
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode="numeric"
                min={IDLE_TIMEOUT_MIN}
                max={IDLE_TIMEOUT_MAX}
                disabled={!values.idleOn}
                value={values.idleSeconds}
                onChange={(e) => {
                  set('idleSeconds', e.target.value);
                }}
              />
            )}
          </Field>
        </div>
      </section>

      <section className="panel settings__section" aria-labelledby="settings-kitchen">
        <h2 className="panel__title" id="settings-kitchen">
          {t('settings.kitchenTitle')}
        </h2>
        <p className="field__hint">{t('settings.kitchenHint')}</p>
        <div className="form-row settings__kitchen">
          <Field id="settings-kitchen-amber" label={t('settings.kitchenAmber')} error={errors.kitchen}>
            {(c) => minutesInput(c, 'kitchenAmber')}
          </Field>
          <Field id="settings-kitchen-red" label={t('settings.kitchenRed')}>
            {(c) => minutesInput(c, 'kitchenRed')}
          </Field>
        </div>
      </section>

      {errors.form && (
        <p className="notice notice--error" role="alert">
          {errors.form}
        </p>
      )}
      <div className="settings__actions">
        <button type="submit" className="btn btn--primary btn--lg" disabled={form.busy}>
          {form.busy ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
    </form>
  );
}
