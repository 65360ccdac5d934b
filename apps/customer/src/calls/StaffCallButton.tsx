import { useI18n } from '../shared/i18n/i18n';
import { BellIcon } from '../shared/ui/icons';
import { useCallStatus } from './use-call-status';

/** The always-visible staff-call button; it shows when a call is waiting for staff. */
export function StaffCallButton({ onClick }: { onClick: () => void }) {
  const { t } = useI18n();
  const status = useCallStatus();
  return (
    <button
      type="button"
      className="button actions__call"
      aria-haspopup="dialog"
      data-status={status}
      onClick={onClick}
    >
      <BellIcon />
      <span>{t.staffCall}</span>
    </button>
  );
}

/**
 * A calm line at the top of the screen while a call waits ("직원을 호출했어요"), turning into
 * "직원이 확인했어요" when staff acknowledge it; hidden while the call sheet itself says so.
 */
export function CallStatusNotice({ hidden }: { hidden: boolean }) {
  const { t } = useI18n();
  const status = useCallStatus();
  const text = status === 'open' ? t.callSent : status === 'acknowledged' ? t.callAcknowledged : '';
  return (
    <div
      className="call-status"
      role="status"
      aria-live="polite"
      data-status={status}
      data-visible={!hidden && text !== '' ? 'true' : undefined}
    >
      {hidden ? '' : text}
    </div>
  );
}
