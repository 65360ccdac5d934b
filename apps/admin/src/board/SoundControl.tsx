import { useI18n } from '../shared/i18n';

/**
 * The alert sound switch (new orders and staff calls; off by default). While calls wait it says so:
 * ringing when the sound is on, a reminder that it is off otherwise.
 */
export function SoundToggle({
  enabled,
  ringing,
  callsWaiting,
  onToggle,
}: {
  enabled: boolean;
  ringing: boolean;
  callsWaiting: number;
  onToggle: () => void;
}) {
  const { t } = useI18n();
  const attention = !enabled && callsWaiting > 0;
  let label = enabled ? t('sound.on') : t('sound.off');
  if (ringing) label = t('sound.ringing');
  else if (attention) label = t('sound.callsWaiting', { n: callsWaiting });
  return (
    <button
      type="button"
      className={[
        'btn btn--ghost sound',
        enabled ? 'sound--on' : '',
        ringing ? 'sound--ringing' : '',
        attention ? 'sound--attention' : '',
      ].join(' ')}
      aria-pressed={enabled}
      aria-label={`${t('sound.toggle')}: ${label}`}
      data-ringing={ringing || undefined}
      onClick={onToggle}
    >
      <span aria-hidden="true" className="sound__icon">
        {enabled ? '♪' : '×'}
      </span>
      <span aria-live="polite">{label}</span>
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
