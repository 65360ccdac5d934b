import { createContext, useContext, useSyncExternalStore } from 'react';
import type { SessionInfo } from '../device';
import type { TableSession } from './table-session';

export const SessionContext = createContext<TableSession | null>(null);

/** The tablet's API session (inside the signed-in app). */
export function useSession(): TableSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionContext provider');
  return session;
}

/** The current login (store and table), re-rendering when a silent login replaces it. */
export function useSessionInfo(): SessionInfo | null {
  const session = useSession();
  return useSyncExternalStore(session.subscribe, () => session.current);
}
