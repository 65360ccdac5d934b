import type { MenuItem, MenuItemCreateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** POST /admin/menu-items. */
function createMenuItem(body: MenuItemCreateBody): Promise<MenuItem> {
  return apiRequest<MenuItem>('POST', '/admin/menu-items', { body });
}

/** Adds a menu item; the item lists are read again in the background. */
export function useCreateMenuItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMenuItem,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: menuKeys.items() });
    },
  });
}
