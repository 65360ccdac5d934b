import { LANGUAGE_NAMES, LANGUAGES, useI18n } from '../i18n/i18n';

/**
 * One tap per language: each button shows its language's own name (한국어, English, 日本語, 中文) in that
 * language, the current one pressed.
 */
export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t.languageLabel}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          className={`button button--quiet lang-switch__option${l === lang ? ' lang-switch__option--current' : ''}`}
          lang={l}
          aria-pressed={l === lang}
          onClick={() => {
            setLang(l);
          }}
        >
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </div>
  );
}
