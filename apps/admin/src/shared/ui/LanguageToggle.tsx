import { useI18n } from '../i18n';

/** Switches between Korean and English. */
export function LanguageToggle() {
  const { t, lang, setLang } = useI18n();
  return (
    <button
      type="button"
      className="btn btn--ghost"
      lang={lang === 'ko' ? 'en' : 'ko'}
      aria-label={t('lang.switchLabel')}
      onClick={() => {
        setLang(lang === 'ko' ? 'en' : 'ko');
      }}
    >
      {t('lang.switch')}
    </button>
  );
}
