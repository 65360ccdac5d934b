import type { OptionGroup, OptionGroupCreateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** POST /admin/option-groups `{name, minSelect, maxSelect, options}`. */
export function createOptionGroup(body: OptionGroupCreateBody): Promise<OptionGroup> {
  return apiRequest<OptionGroup>('POST', '/admin/option-groups', { body });
}

/** Adds an option group; settles once the group list shows it. */
export function useCreateOptionGroup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOptionGroup,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.optionGroups() }),
  });
}
