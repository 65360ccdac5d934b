import type { Admin } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';

const meKey = ['auth', 'me'] as const;

/** GET /admin/me: the logged-in account with its current role. */
function getMe(signal?: AbortSignal): Promise<Admin> {
  return apiRequest<Admin>('GET', '/admin/me', { signal });
}

/** The logged-in account, read once when the session does not know its role (saved by an earlier release). */
export function useMe(enabled: boolean) {
  return useQuery({ queryKey: meKey, queryFn: ({ signal }) => getMe(signal), enabled, staleTime: Infinity });
}
