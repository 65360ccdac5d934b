import type { MenuLanguage, TranslatedText, TranslationLanguage, Translations } from '@table-order/contracts';
import { useStoreSettings } from '../settings';
import { useI18n } from '../shared/i18n';

/** Each menu language's own name, as the tablet's switch shows it. */
export const LANGUAGE_NAMES: Record<MenuLanguage, string> = {
  ko: '한국어',
  en: 'English',
  ja: '日本語',
  zh: '中文',
};

/** The store's menu languages other than Korean (what can be translated), in settings order. */
export function useTranslationLanguages(): TranslationLanguage[] {
  const languages = useStoreSettings().data?.menuLanguages ?? ['ko'];
  return languages.filter((l): l is TranslationLanguage => l !== 'ko');
}

/** The languages of `languages` that `translations` has no name for. */
export function missingLanguages(
  translations: Translations | undefined,
  languages: readonly TranslationLanguage[],
): TranslationLanguage[] {
  return languages.filter((l) => !translations?.[l]?.name);
}

/**
 * What to send: trimmed, languages without any text dropped; `null` when a language has a description
 * but no name (a translation needs a name).
 */
export function cleanTranslations(value: Translations): Translations | null {
  const out: Translations = {};
  for (const [lang, text] of Object.entries(value) as [TranslationLanguage, TranslatedText | undefined][]) {
    const name = text?.name.trim() ?? '';
    const description = text?.description?.trim() ?? '';
    if (!name && !description) continue;
    if (!name) return null;
    out[lang] = description ? { name, description } : { name };
  }
  return out;
}

/** True when two translation objects say the same (after cleaning). */
export function sameTranslations(a: Translations | undefined, b: Translations | undefined): boolean {
  return JSON.stringify(cleanTranslations(a ?? {})) === JSON.stringify(cleanTranslations(b ?? {}));
}

/**
 * The translations of one Korean text, beside it: a name (and a description for menu items) per menu
 * language the store offers.
 */
export function TranslationsField({
  id,
  value,
  onChange,
  withDescription = false,
  error,
}: {
  id: string;
  value: Translations;
  onChange: (next: Translations) => void;
  withDescription?: boolean;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const languages = useTranslationLanguages();
  const set = (lang: TranslationLanguage, change: Partial<TranslatedText>) => {
    const current = value[lang] ?? { name: '' };
    onChange({ ...value, [lang]: { ...current, ...change } });
  };
  return (
    <fieldset className="translations" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{t('tr.title')}</legend>
      {languages.length === 0 ? (
        <p className="field__hint">{t('tr.none')}</p>
      ) : (
        <>
          <p className="field__hint">{t('tr.hint')}</p>
          {languages.map((lang) => (
            <div key={lang} className="translations__lang" lang={lang}>
              <label htmlFor={`${id}-${lang}-name`}>{t('tr.name', { lang: LANGUAGE_NAMES[lang] })}</label>
              <input
                id={`${id}-${lang}-name`}
                autoComplete="off"
                value={value[lang]?.name ?? ''}
                onChange={(e) => {
                  set(lang, { name: e.target.value });
                }}
              />
              {withDescription && (
                <>
                  <label htmlFor={`${id}-${lang}-description`}>
                    {t('tr.description', { lang: LANGUAGE_NAMES[lang] })}
                  </label>
                  <textarea
                    id={`${id}-${lang}-description`}
                    rows={2}
                    value={value[lang]?.description ?? ''}
                    onChange={(e) => {
                      set(lang, { description: e.target.value });
                    }}
                  />
                </>
              )}
            </div>
          ))}
        </>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** "No translation: English · 日本語" for an entry missing some of the store's languages. */
export function MissingTranslations({
  translations,
  languages,
}: {
  translations: Translations | undefined;
  languages: readonly TranslationLanguage[];
}) {
  const { t } = useI18n();
  const missing = missingLanguages(translations, languages);
  if (missing.length === 0) return null;
  const langs = missing.map((l) => LANGUAGE_NAMES[l]).join(' · ');
  return (
    <span className="badge badge--warn translations__missing" title={t('tr.missingLabel', { langs })}>
      {t('tr.missing', { langs })}
    </span>
  );
}
