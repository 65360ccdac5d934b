import { useId, useState, type SyntheticEvent } from 'react';
import type { DeviceSettings } from '../shared/device';
import { useI18n } from '../shared/i18n/i18n';
import { ConfirmDialog, Dialog } from '../shared/ui/Dialog';

export interface SettingsDialogProps {
  device: DeviceSettings;
  storeName: string;
  onClose: () => void;
  onReset: () => void;
}

/**
 * The hidden staff screen: unlocked with the table password (compared with the saved one, so wrong
 * guesses cannot lock the table's login), it shows the device's store and table and resets the device.
 */
export function SettingsDialog({ device, storeName, onClose, onReset }: SettingsDialogProps) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [unlocked, setUnlocked] = useState(false);
  const [wrong, setWrong] = useState(false);
  const [confirmReset, setConfirmReset] = useState(false);
  const passwordId = useId();

  const handleUnlock = (e: SyntheticEvent) => {
    e.preventDefault();
    if (password === device.password) {
      setUnlocked(true);
      setWrong(false);
    } else {
      setWrong(true);
      setPassword('');
    }
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
          {wrong && (
            <p className="alert" role="alert">
              {t.settingsWrongPassword}
            </p>
          )}
          <button type="submit" className="button button--primary button--block">
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
