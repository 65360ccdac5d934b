import type { MenuItem } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { optimisticOrder } from './optimistic-order';
import { menuKeys } from './query-keys';

/** PUT /admin/menu-items/order `{categoryId, ids}`: the new order within one category. */
function reorderMenuItems(categoryId: number, ids: number[]): Promise<{ items: MenuItem[] }> {
  return apiRequest<{ items: MenuItem[] }>('PUT', '/admin/menu-items/order', { body: { categoryId, ids } });
}

/** Saves a new item order in one category: shown at once, put back if the server refuses. */
export function useReorderMenuItems(categoryId: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (next: MenuItem[]) =>
      reorderMenuItems(
        categoryId,
        next.map((i) => i.id),
      ),
    ...optimisticOrder<MenuItem>(queryClient, menuKeys.itemsOf(categoryId)),
  });
}
