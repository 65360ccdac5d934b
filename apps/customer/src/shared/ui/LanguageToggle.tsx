import { useI18n } from '../i18n/i18n';
import { GlobeIcon } from './icons';

/** Switches between Korean and English; labelled in the language it switches to. */
export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className="button button--quiet lang-toggle"
      lang={lang === 'ko' ? 'en' : 'ko'}
      aria-label={t.switchLanguageLabel}
      onClick={() => {
        setLang(lang === 'ko' ? 'en' : 'ko');
      }}
    >
      <GlobeIcon />
      {t.switchLanguage}
    </button>
  );
}
