import type { LiveStreamStatus } from '@table-order/contracts/sse';
import { useI18n } from '../shared/i18n';

/** Always-visible stream state: green live, amber (re)connecting, red offline. */
export function ConnectionIndicator({ status }: { status: LiveStreamStatus }) {
  const { t } = useI18n();
  const text = t(`conn.${status}`);
  return (
    <span className={`conn conn--${status}`} role="status" aria-label={t('conn.label', { state: text })}>
      <span className="conn__dot" aria-hidden="true" />
      <span className="conn__text">{text}</span>
    </span>
  );
}
