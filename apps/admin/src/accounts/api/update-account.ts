import type { AccountUpdateBody, Admin } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { accountKeys } from './query-keys';

/** PATCH /admin/accounts/{id}: a new password and/or role (409 last_owner); signs the account out. */
function updateAccount(id: number, body: AccountUpdateBody): Promise<Admin> {
  return apiRequest<Admin>('PATCH', `/admin/accounts/${id}`, { body });
}

/** Resets a password or changes a role; the list shows the account as the API answered it. */
export function useUpdateAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: AccountUpdateBody }) => updateAccount(id, body),
    onSuccess: (updated) => {
      queryClient.setQueryData<{ items: Admin[] }>(accountKeys.list(), (old) =>
        old ? { items: old.items.map((a) => (a.id === updated.id ? updated : a)) } : old,
      );
    },
  });
}
