import { useId, useState, type SyntheticEvent } from 'react';
import { ApiError, NetworkError, remainingAttempts } from '../shared/api/errors';
import type { DeviceSettings } from '../shared/device';
import { useI18n } from '../shared/i18n/i18n';
import { ConfirmDialog, Dialog } from '../shared/ui/Dialog';

export interface SettingsDialogProps {
  device: DeviceSettings;
  storeName: string;
  onClose: () => void;
  onReset: () => void;
  /** Checks the table password with the API; throws ApiError (401 wrong, 423/429 locked) or NetworkError. */
  verify: (password: string) => Promise<void>;
}

/**
 * The hidden staff screen: unlocked with the table password, checked by the API (the tablet keeps no
 * password; wrong guesses count toward the table's login lock like any login), it shows the device's
 * store and table and resets the device.
 */
export function SettingsDialog({ device, storeName, onClose, onReset, verify }: SettingsDialogProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [unlocked, setUnlocked] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const passwordId = useId();

  const handleUnlock = (e: SyntheticEvent) => {
    e.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    verify(password)
      .then(() => {
        setUnlocked(true);
        setError(null);
      })
      .catch((err: unknown) => {
        setPassword('');
        if (err instanceof ApiError && (err.status === 401 || err.status === 422)) {
          const left = remainingAttempts(err);
          setError(
            left === undefined
              ? t.settingsWrongPassword
              : `${t.settingsWrongPassword} ${t.attemptsLeft(left)}`,
          );
        } else if (err instanceof ApiError && (err.status === 423 || err.status === 429)) {
          setError(t.errorLocked(Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60))));
        } else {
          setError(err instanceof NetworkError ? t.errorNetwork : t.errorUnknown);
        }
      })
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <Dialog title={t.settingsTitle} onClose={onClose} className="settings">
      {!unlocked ? (
        <form className="settings__form" onSubmit={handleUnlock}>
          <p>{t.settingsPrompt}</p>
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              {t.tablePassword}
            </label>
            <input
              id={passwordId}
              className="field__input"
              type="password"
              value={password}
              autoComplete="off"
              onChange={(e) => {
                setPassword(e.target.value);
              }}
            />
          </div>
          {error && (
            <p className="alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {t.settingsUnlock}
          </button>
        </form>
      ) : (
        <div className="settings__info">
          <dl className="settings__list">
            <dt>{t.settingsStore}</dt>
            <dd>
              {storeName} ({device.storeIdentifier})
            </dd>
            <dt>{t.settingsTable}</dt>
            <dd>{device.tableNumber}</dd>
          </dl>
          <button
            type="button"
            className="button button--danger button--block"
            onClick={() => {
              setConfirmReset(true);
            }}
          >
            {t.resetDevice}
          </button>
        </div>
      )}
      {confirmReset && (
        <ConfirmDialog
          title={t.resetConfirmTitle}
          body={t.resetConfirmBody}
          confirmLabel={t.resetConfirmAction}
          onCancel={() => {
            setConfirmReset(false);
          }}
          onConfirm={onReset}
        />
      )}
    </Dialog>
  );
}
