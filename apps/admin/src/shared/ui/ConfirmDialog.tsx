import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';
import { Modal } from './Modal';

/**
 * Asks before a destructive or final action and names the thing it acts on. The action runs here so a
 * failure (e.g. a 409) is explained in the same dialog; `describeError` may turn it into a better sentence.
 */
export function ConfirmDialog({
  title,
  message,
  detail,
  confirmLabel,
  danger = false,
  onConfirm,
  onClose,
  describeError,
}: {
  title: string;
  message: ReactNode;
  detail?: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => Promise<void>;
  onClose: () => void;
  describeError?: (err: unknown) => string | null;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function handleConfirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (err) {
      setError(describeError?.(err) ?? errorMessage(err, t));
      setBusy(false);
    }
  }

  return (
    <Modal
      title={title}
      onClose={onClose}
      role="alertdialog"
      footer={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={danger ? 'btn btn--danger btn--lg' : 'btn btn--primary btn--lg'}
            disabled={busy}
            onClick={() => void handleConfirm()}
          >
            {busy ? t('common.working') : confirmLabel}
          </button>
        </>
      }
    >
      <p className="confirm__message">{message}</p>
      {detail && <p className="muted">{detail}</p>}
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
    </Modal>
  );
}
