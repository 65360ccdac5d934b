import type { MenuItem } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** DELETE /admin/menu-items/{id} (soft delete: past orders keep their snapshot). */
function deleteMenuItem(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/menu-items/${id}`);
}

/** Deletes a menu item; it leaves its category's list at once. */
export function useDeleteMenuItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (item: Pick<MenuItem, 'id' | 'categoryId'>) => deleteMenuItem(item.id),
    onSuccess: (_none, item) => {
      queryClient.setQueryData<{ items: MenuItem[] }>(menuKeys.itemsOf(item.categoryId), (d) =>
        d ? { items: d.items.filter((i) => i.id !== item.id) } : d,
      );
    },
  });
}
