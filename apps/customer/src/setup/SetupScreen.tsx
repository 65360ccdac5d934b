import { STORE_IDENTIFIER_RE } from '@table-order/contracts/constants';
import { useEffect, useId, useRef, useState, type SyntheticEvent } from 'react';
import { ApiError, NetworkError, remainingAttempts } from '../shared/api/errors';
import { loginTable } from '../shared/api/table-session';
import { saveDevice, saveSession, type DeviceSettings } from '../shared/device';
import { useI18n } from '../shared/i18n/i18n';
import type { Messages } from '../shared/i18n/ko';
import { LanguageToggle } from '../shared/ui/LanguageToggle';

export interface SetupScreenProps {
  /** Settings to start from (after the saved ones stopped working). */
  initial: DeviceSettings | null;
  /** Why setup is shown again, if it is. */
  notice?: string;
  onDone: (device: DeviceSettings) => void;
}

/** How long the button waits when a lock answer names no time. */
const LOCK_FALLBACK_MS = 60_000;

function loginErrorMessage(err: unknown, t: Messages): string {
  if (err instanceof NetworkError) return t.errorNetwork;
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 404) {
      const left = remainingAttempts(err);
      return left === undefined ? t.errorCredentials : `${t.errorCredentials} ${t.attemptsLeft(left)}`;
    }
    if (err.status === 423 || err.status === 429)
      return t.errorLocked(Math.max(1, Math.ceil((err.retryAfter ?? 60) / 60)));
    if (err.status === 422) return t.errorCredentials;
  }
  return t.errorUnknown;
}

/** First run (staff): store code, table number and table password, checked by logging in once. */
export function SetupScreen({ initial, notice, onDone }: SetupScreenProps) {
  const { t } = useI18n();
  const [store, setStore] = useState(initial?.storeIdentifier ?? '');
  const [table, setTable] = useState(initial ? String(initial.tableNumber) : '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // While the API has the login locked (423/429), the button waits instead of spending more tries.
  const [locked, setLocked] = useState(false);
  const lockFor = useRef(LOCK_FALLBACK_MS);
  useEffect(() => {
    if (!locked) return;
    const timer = setTimeout(() => {
      setLocked(false);
    }, lockFor.current);
    return () => {
      clearTimeout(timer);
    };
  }, [locked]);
  const ids = { store: useId(), table: useId(), password: useId(), hint: useId(), error: useId() };

  const handleSubmit = (e: SyntheticEvent) => {
    e.preventDefault();
    const storeIdentifier = store.trim().toLowerCase();
    const tableNumber = Number(table.trim());
    const invalid = !STORE_IDENTIFIER_RE.test(storeIdentifier)
      ? t.errorStoreFormat
      : !/^\d{1,3}$/.test(table.trim()) || tableNumber < 1
        ? t.errorTableNumber
        : password === ''
          ? t.errorPasswordRequired
          : null;
    if (invalid) {
      setError(invalid);
      return;
    }
    setBusy(true);
    setError(null);
    loginTable({ storeIdentifier, tableNumber, password })
      .then(({ session, deviceCredential }) => {
        // The tablet keeps the device credential, never the password.
        const device: DeviceSettings = { storeIdentifier, tableNumber, deviceCredential };
        saveDevice(device);
        saveSession(session);
        // Ask the browser not to evict this tablet's storage (its settings and cart) under pressure.
        navigator.storage?.persist().catch(() => false);
        onDone(device);
      })
      .catch((err: unknown) => {
        setError(loginErrorMessage(err, t));
        setBusy(false);
        if (err instanceof ApiError && (err.status === 423 || err.status === 429)) {
          lockFor.current = Math.max(1, err.retryAfter ?? 60) * 1000;
          setLocked(true);
        }
      });
  };

  return (
    <div className="setup">
      <div className="setup__lang">
        <LanguageToggle />
      </div>
      <form className="setup__card" onSubmit={handleSubmit} noValidate aria-labelledby="setup-title">
        <img className="setup__logo" src="/icons/icon.svg" alt="" width="64" height="64" />
        <h1 id="setup-title" className="setup__title">
          {t.setupTitle}
        </h1>
        <p className="setup__intro">{t.setupIntro}</p>
        {notice && (
          <p className="alert" role="alert">
            {notice}
          </p>
        )}
        <div className="field">
          <label className="field__label" htmlFor={ids.store}>
            {t.storeIdentifier}
          </label>
          <input
            id={ids.store}
            className="field__input"
            value={store}
            onChange={(e) => {
              setStore(e.target.value);
            }}
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={ids.hint}
            required
          />
          <span id={ids.hint} className="field__hint">
            {t.storeIdentifierHint}
          </span>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.table}>
            {t.tableNumber}
          </label>
          <input
            id={ids.table}
            className="field__input"
            value={table}
            onChange={(e) => {
              setTable(e.target.value);
            }}
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            required
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.password}>
            {t.tablePassword}
          </label>
          <input
            id={ids.password}
            className="field__input"
            type="password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
            }}
            autoComplete="off"
            required
          />
        </div>
        {error && (
          <p className="alert" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary button--block button--xl"
          disabled={busy || locked}
        >
          {busy ? t.setupSubmitting : t.setupSubmit}
        </button>
      </form>
    </div>
  );
}
