import type { AdminLoginResponse, AdminRole } from '@table-order/contracts';

/** What the dashboard keeps between page loads: the token, its expiry, and who is logged in. */
export interface Session {
  accessToken: string;
  /** Epoch ms. */
  expiresAt: number;
  store: AdminLoginResponse['store'];
  /** `role` is missing in sessions saved before accounts had roles (`useRole` asks the API then). */
  admin: { id: number; username: string; role?: AdminRole };
}

const SESSION_KEY = 'table-order.admin.session';
const LAST_STORE_KEY = 'table-order.admin.lastStore';

/** Builds a session from the login answer. */
export function sessionFromLogin(r: AdminLoginResponse): Session {
  return { accessToken: r.accessToken, expiresAt: Date.parse(r.expiresAt), store: r.store, admin: r.admin };
}

function isSession(v: unknown): v is Session {
  if (typeof v !== 'object' || v === null) return false;
  const s = v as Partial<Session>;
  return (
    typeof s.accessToken === 'string' &&
    typeof s.expiresAt === 'number' &&
    typeof s.store?.identifier === 'string' &&
    typeof s.store.timeZone === 'string' &&
    typeof s.admin?.username === 'string'
  );
}

/** The stored session if it is still valid; an expired or damaged one is removed. */
export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = localStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (isSession(parsed) && parsed.expiresAt > now) return parsed;
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // unreadable storage: log in again
  }
  return null;
}

export function saveSession(session: Session): void {
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
    localStorage.setItem(LAST_STORE_KEY, session.store.identifier);
  } catch {
    // private mode: the session lasts for this page only
  }
}

export function clearSession(): void {
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // nothing stored
  }
}

/** The store identifier of the last login, to prefill the form. */
export function lastStoreIdentifier(): string {
  try {
    return localStorage.getItem(LAST_STORE_KEY) ?? '';
  } catch {
    return '';
  }
}
