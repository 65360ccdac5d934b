import { useEffect, useState, type SubmitEvent } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { Field, LanguageToggle } from '../shared/ui';
import { login } from './api/login';
import { useAuth } from './auth-context';
import { lastStoreIdentifier, sessionFromLogin } from './session';

/** "3분" / "45초": a wait in words. */
function waitText(seconds: number, t: Translate): string {
  return seconds >= 60
    ? t('wait.minutes', { n: Math.ceil(seconds / 60) })
    : t('wait.seconds', { n: Math.max(1, seconds) });
}

type FieldName = 'storeIdentifier' | 'username' | 'password';

/** Store identifier, username, password; explains lockouts (423) and rate limits (429) with the wait. */
export function LoginPage() {
  const { t } = useI18n();
  const { signIn, endedBecause } = useAuth();
  const [storeIdentifier, setStore] = useState(lastStoreIdentifier);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{
    kind: 'invalid' | 'locked' | 'tooMany' | 'other';
    text?: string;
    /** Tries left before the account locks (the API says so from the third failure on). */
    remaining?: number | null;
  } | null>(null);
  const [missing, setMissing] = useState<Partial<Record<FieldName, boolean>>>({});
  const [waitUntil, setWaitUntil] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (waitUntil === null) return;
    const timer = setInterval(() => {
      const n = Date.now();
      setNow(n);
      if (n >= waitUntil) setWaitUntil(null);
    }, 1000);
    return () => {
      clearInterval(timer);
    };
  }, [waitUntil]);

  const secondsLeft = waitUntil === null ? 0 : Math.max(0, Math.ceil((waitUntil - now) / 1000));

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const miss = {
      storeIdentifier: !storeIdentifier.trim(),
      username: !username.trim(),
      password: !password,
    };
    setMissing(miss);
    if (miss.storeIdentifier || miss.username || miss.password) return;
    setBusy(true);
    setError(null);
    try {
      const r = await login({ storeIdentifier: storeIdentifier.trim(), username: username.trim(), password });
      signIn(sessionFromLogin(r));
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && (err.status === 423 || err.status === 429)) {
        const wait = err.retryAfterSec ?? (err.status === 423 ? 900 : 60);
        setNow(Date.now());
        setWaitUntil(Date.now() + wait * 1000);
        setError({ kind: err.status === 423 ? 'locked' : 'tooMany' });
      } else if (err instanceof ApiError && (err.status === 401 || err.status === 422)) {
        setError({ kind: 'invalid', remaining: err.remainingAttempts });
      } else {
        setError({ kind: 'other', text: errorMessage(err, t) });
      }
    } finally {
      setBusy(false);
    }
  }

  let message: string | null = null;
  if (error?.kind === 'invalid')
    message =
      error.remaining == null
        ? t('login.invalid')
        : `${t('login.invalid')} ${error.remaining > 0 ? t('login.attemptsLeft', { n: error.remaining }) : t('login.lastAttempt')}`;
  else if (error?.kind === 'locked') message = t('login.locked', { wait: waitText(secondsLeft, t) });
  else if (error?.kind === 'tooMany') message = t('login.tooMany', { wait: waitText(secondsLeft, t) });
  else if (error?.kind === 'other') message = error.text ?? null;
  const waiting = secondsLeft > 0;

  return (
    <main className="login">
      <div className="login__lang">
        <LanguageToggle />
      </div>
      <form
        className="login__card"
        onSubmit={(e) => void handleSubmit(e)}
        noValidate
        aria-labelledby="login-title"
      >
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.subtitle')}</p>
        {endedBecause === 'expired' && !error && (
          <p className="notice notice--warn" role="status">
            {t('login.expired')}
          </p>
        )}
        {endedBecause === 'revoked' && !error && (
          <p className="notice notice--warn" role="status">
            {t('login.revoked')}
          </p>
        )}
        {endedBecause === 'user' && !error && (
          <p className="notice" role="status">
            {t('login.loggedOut')}
          </p>
        )}
        <Field
          id="login-store"
          label={t('login.store')}
          error={missing.storeIdentifier ? t('login.required') : null}
        >
          {(control) => (
            <input
              {...control}
              name="storeIdentifier"
              autoComplete="organization"
              autoCapitalize="none"
              spellCheck={false}
              value={storeIdentifier}
              onChange={(e) => {
                setStore(e.target.value);
              }}
            />
          )}
        </Field>
        <Field
          id="login-username"
          label={t('login.username')}
          error={missing.username ? t('login.required') : null}
        >
          {(control) => (
            <input
              {...control}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              value={username}
              onChange={(e) => {
                setUsername(e.target.value);
              }}
            />
          )}
        </Field>
        <Field
          id="login-password"
          label={t('login.password')}
          error={missing.password ? t('login.required') : null}
        >
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
              }}
            />
          )}
        </Field>
        {message && (
          <p className="notice notice--error" role="alert">
            {message}
          </p>
        )}
        <button type="submit" className="btn btn--primary btn--block btn--lg" disabled={busy || waiting}>
          {busy
            ? t('login.submitting')
            : waiting
              ? t('login.waitButton', { wait: waitText(secondsLeft, t) })
              : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
