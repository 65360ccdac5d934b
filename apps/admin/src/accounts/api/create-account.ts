import type { AccountCreateBody, Admin } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { accountKeys } from './query-keys';

/** POST /admin/accounts `{username, password, role}` (409 username_taken). */
function createAccount(body: AccountCreateBody): Promise<Admin> {
  return apiRequest<Admin>('POST', '/admin/accounts', { body });
}

/** Adds an account; the list shows it at once. */
export function useCreateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAccount,
    onSuccess: (created) => {
      queryClient.setQueryData<{ items: Admin[] }>(accountKeys.list(), (old) =>
        old ? { items: [...old.items.filter((a) => a.id !== created.id), created] } : old,
      );
    },
  });
}
