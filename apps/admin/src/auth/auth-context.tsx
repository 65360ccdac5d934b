import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { configureApiAuth } from '../shared/api';
import { clearSession, loadSession, saveSession, type Session } from './session';

/**
 * Why a session ended: the user logged out, the token expired, or the API refused it before its expiry
 * (`revoked`: the account's password or role was changed, or the account was deleted).
 */
export type LogoutReason = 'user' | 'expired' | 'revoked';

interface Auth {
  session: Session | null;
  /** Why the last session ended (shown on the login screen). */
  endedBecause: LogoutReason | null;
  signIn: (session: Session) => void;
  signOut: (reason: LogoutReason) => void;
}

const AuthContext = createContext<Auth | null>(null);

const MAX_TIMER_MS = 2 ** 31 - 1;

/** Holds the admin session: survives refreshes (localStorage) and ends itself at the token's expiry. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [endedBecause, setEndedBecause] = useState<LogoutReason | null>(null);
  const sessionRef = useRef(session);
  sessionRef.current = session;

  const signOut = useCallback(
    (reason: LogoutReason) => {
      if (!sessionRef.current) return;
      sessionRef.current = null;
      clearSession();
      setSession(null);
      setEndedBecause(reason);
      queryClient.clear();
    },
    [queryClient],
  );

  const signIn = useCallback((next: Session) => {
    saveSession(next);
    sessionRef.current = next;
    setSession(next);
    setEndedBecause(null);
  }, []);

  // Wired during the first render: children's effects (which call the API) run before this one's.
  const signOutRef = useRef(signOut);
  signOutRef.current = signOut;
  useState(() => {
    configureApiAuth({
      token: () => sessionRef.current?.accessToken ?? null,
      onUnauthorized: () => {
        const expiresAt = sessionRef.current?.expiresAt ?? 0;
        signOutRef.current(Date.now() < expiresAt ? 'revoked' : 'expired');
      },
    });
    return null;
  });

  // Log out at expiry; also re-check when the tab wakes (timers are late in background tabs).
  useEffect(() => {
    if (!session) return;
    const check = () => {
      if (Date.now() >= session.expiresAt) signOut('expired');
    };
    const timer = setTimeout(check, Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt - Date.now())));
    const interval = setInterval(check, 30_000);
    document.addEventListener('visibilitychange', check);
    return () => {
      clearTimeout(timer);
      clearInterval(interval);
      document.removeEventListener('visibilitychange', check);
    };
  }, [session, signOut]);

  // Another tab logged out or in: follow it.
  useEffect(() => {
    const onStorage = (e: StorageEvent) => {
      if (e.key !== null && e.key !== 'table-order.admin.session') return;
      const stored = loadSession();
      if (!stored) signOut('user');
      else if (stored.accessToken !== sessionRef.current?.accessToken) signIn(stored);
    };
    window.addEventListener('storage', onStorage);
    return () => {
      window.removeEventListener('storage', onStorage);
    };
  }, [signIn, signOut]);

  const value = useMemo(
    () => ({ session, endedBecause, signIn, signOut }),
    [session, endedBecause, signIn, signOut],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}

/** The auth state and actions. */
export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The logged-in session (only inside the authenticated app). */
export function useSession(): Session {
  const { session } = useAuth();
  if (!session) throw new Error('useSession without a session');
  return session;
}
