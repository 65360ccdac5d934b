import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** DELETE /admin/option-groups/{id} (409 option_group_in_use naming the menu items that offer it). */
export function deleteOptionGroup(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/option-groups/${id}`);
}

/** Deletes an option group no menu item uses; settles once the group list no longer shows it. */
export function useDeleteOptionGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteOptionGroup,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.optionGroups() }),
  });
}
