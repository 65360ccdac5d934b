import type { AdminRole } from '@table-order/contracts';
import { useMe } from './api/get-me';
import { useSession } from './auth-context';

/**
 * The logged-in account's role: from the login (a role change revokes the token, so it cannot go stale),
 * or asked of the API for a session saved before roles existed; `staff` until known, so the dashboard
 * never offers an owner's action it has not confirmed.
 */
export function useRole(): AdminRole {
  const { admin } = useSession();
  const me = useMe(admin.role === undefined);
  return admin.role ?? me.data?.role ?? 'staff';
}

/** True for an owner: menu, tables, settings and accounts management. */
export function useIsOwner(): boolean {
  return useRole() === 'owner';
}
