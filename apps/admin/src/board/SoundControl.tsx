import { useI18n } from '../shared/i18n';

/** The new-order sound toggle (off by default). */
export function SoundToggle({ enabled, onToggle }: { enabled: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className={enabled ? 'btn btn--ghost sound sound--on' : 'btn btn--ghost sound'}
      aria-pressed={enabled}
      aria-label={t('sound.toggle')}
      onClick={onToggle}
    >
      <span aria-hidden="true" className="sound__icon">
        {enabled ? '♪' : '×'}
      </span>
      {enabled ? t('sound.on') : t('sound.off')}
    </button>
  );
}

/** Shown when the sound is on but the browser refuses to play until someone clicks. */
export function SoundBlockedBanner({ onUnblock }: { onUnblock: () => void }) {
  const { t } = useI18n();
  return (
    <div className="banner banner--warn" role="alert">
      <span>{t('sound.blocked')}</span>
      <button type="button" className="btn btn--primary" onClick={onUnblock}>
        {t('sound.unblock')}
      </button>
    </div>
  );
}
