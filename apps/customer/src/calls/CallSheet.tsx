import type { CallCreateBody } from '@table-order/contracts';
import { CALL_MESSAGE_MAX } from '@table-order/contracts/constants';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useId, useRef, useState } from 'react';
import { ApiError } from '../shared/api/errors';
import { useI18n } from '../shared/i18n/i18n';
import type { Messages } from '../shared/i18n/ko';
import { FALLBACK_SETTINGS, storeSettingsQueryKey, useStoreSettings } from '../shared/store-settings';
import { Dialog } from '../shared/ui/Dialog';
import { BellIcon, CheckIcon } from '../shared/ui/icons';
import { randomId } from '../shared/uuid';
import { useCreateCall } from './create-call';
import { useCallStatus } from './use-call-status';

/** After a call went out, the sheet goes back to the menu by itself after this long. */
export const SENT_CLOSE_MS = 6000;

function failureMessage(err: unknown, t: Messages): string {
  if (err instanceof ApiError) {
    if (err.status === 429) return t.callTooMany;
    if (err.status === 422) return t.callReasonsChanged;
  }
  return t.callFailed;
}

/**
 * The staff-call sheet: the store's reasons (several may be chosen) and an optional message. One
 * Idempotency-Key per body: a double tap or a retry of the same call never calls twice.
 */
export function CallSheet({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useStoreSettings();
  // Until the store's own list arrives, offer nothing (a default reason might not be the store's).
  const reasons =
    settings.data?.callReasons ?? (settings.isError ? FALLBACK_SETTINGS.callReasons : null) ?? [];
  const createCall = useCreateCall();
  const status = useCallStatus();
  const [chosen, setChosen] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const submission = useRef<{ body: string; key: string } | null>(null);
  const inFlight = useRef(false);
  const messageId = useId();
  const close = useEffectEvent(onClose);

  useEffect(() => {
    if (!sent) return;
    const timer = setTimeout(close, SENT_CLOSE_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [sent]);

  // A reason the store no longer offers cannot be sent.
  const selected = chosen.filter((r) => reasons.includes(r));
  const text = message.trim();
  const canSend = selected.length > 0 || text !== '';

  const toggle = (reason: string) => {
    setChosen((list) => (list.includes(reason) ? list.filter((r) => r !== reason) : [...list, reason]));
  };

  const handleSend = () => {
    if (inFlight.current || !canSend) return;
    const body: CallCreateBody = { reasons: selected, ...(text ? { message: text } : {}) };
    const bodyText = JSON.stringify(body);
    if (submission.current?.body !== bodyText) submission.current = { body: bodyText, key: randomId() };
    inFlight.current = true;
    setFailure(null);
    createCall.mutate(
      { body, key: submission.current.key },
      {
        onSuccess: () => {
          setSent(true);
        },
        onError: (err) => {
          setFailure(failureMessage(err, t));
          if (err instanceof ApiError && err.status === 422)
            void queryClient.invalidateQueries({ queryKey: storeSettingsQueryKey });
        },
        onSettled: () => {
          inFlight.current = false;
        },
      },
    );
  };

  if (sent) {
    const acknowledged = status === 'acknowledged';
    return (
      <Dialog title={t.staffCall} onClose={onClose} variant="sheet" className="call-sheet" hideTitle>
        <div className="call-sent" role="status" aria-live="polite">
          <span className="call-sent__icon" aria-hidden="true">
            {acknowledged ? <CheckIcon /> : <BellIcon />}
          </span>
          <p className="call-sent__title">{acknowledged ? t.callAcknowledged : t.callSent}</p>
          <p className="call-sent__hint">{acknowledged ? t.callAcknowledgedHint : t.callSentHint}</p>
          <button type="button" className="button button--secondary button--xl" onClick={onClose}>
            {t.backToMenu}
          </button>
        </div>
      </Dialog>
    );
  }

  const sending = createCall.isPending;
  return (
    <Dialog
      title={t.staffCall}
      onClose={onClose}
      variant="sheet"
      className="call-sheet"
      dismissible={!sending}
      footer={
        <>
          <button
            type="button"
            className="button button--secondary button--xl"
            onClick={onClose}
            disabled={sending}
          >
            {t.cancel}
          </button>
          <button
            type="button"
            className="button button--primary button--xl call-sheet__send"
            onClick={handleSend}
            disabled={sending || !canSend}
            aria-busy={sending}
          >
            {sending ? t.callSending : t.callSend}
          </button>
        </>
      }
    >
      <p className="call-sheet__intro">{t.callSheetIntro}</p>
      {settings.isPending && <p className="call-sheet__loading">{t.loading}</p>}
      <div className="call-reasons" role="group" aria-label={t.callReasonsLabel}>
        {reasons.map((reason) => (
          <button
            key={reason}
            type="button"
            className="call-reason"
            aria-pressed={selected.includes(reason)}
            disabled={sending}
            onClick={() => {
              toggle(reason);
            }}
          >
            {reason}
          </button>
        ))}
      </div>
      <label className="field" htmlFor={messageId}>
        <span className="field__label">{t.callMessage}</span>
        <textarea
          id={messageId}
          className="field__input"
          value={message}
          maxLength={CALL_MESSAGE_MAX}
          rows={2}
          placeholder={t.callMessagePlaceholder}
          disabled={sending}
          onChange={(e) => {
            setMessage(e.target.value);
          }}
        />
      </label>
      <p className="field__hint call-sheet__count" aria-hidden="true">
        {message.length}/{CALL_MESSAGE_MAX}
      </p>
      {failure && (
        <div className="alert" role="alert">
          <p>{failure}</p>
        </div>
      )}
    </Dialog>
  );
}
