import type { OptionGroup } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** GET /admin/option-groups: the store's option groups, each with its options in display order. */
export function listOptionGroups(signal?: AbortSignal): Promise<{ items: OptionGroup[] }> {
  return apiRequest<{ items: OptionGroup[] }>('GET', '/admin/option-groups', { signal });
}

export function useOptionGroups() {
  return useQuery({
    queryKey: menuKeys.optionGroups(),
    queryFn: ({ signal }) => listOptionGroups(signal),
  });
}
