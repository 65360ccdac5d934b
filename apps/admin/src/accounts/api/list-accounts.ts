import type { Admin } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { accountKeys } from './query-keys';

/** GET /admin/accounts (owners only): the store's accounts, oldest first. */
function listAccounts(signal?: AbortSignal): Promise<{ items: Admin[] }> {
  return apiRequest<{ items: Admin[] }>('GET', '/admin/accounts', { signal });
}

export function useAccounts() {
  return useQuery({ queryKey: accountKeys.list(), queryFn: ({ signal }) => listAccounts(signal) });
}
