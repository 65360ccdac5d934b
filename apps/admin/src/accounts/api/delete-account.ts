import type { Admin } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { accountKeys } from './query-keys';

/** DELETE /admin/accounts/{id} (409 last_owner); the account's logins end at once. */
function deleteAccount(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/accounts/${id}`);
}

/** Deletes an account; the list drops it at once. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteAccount,
    onSuccess: (_done, id) => {
      queryClient.setQueryData<{ items: Admin[] }>(accountKeys.list(), (old) =>
        old ? { items: old.items.filter((a) => a.id !== id) } : old,
      );
    },
  });
}
