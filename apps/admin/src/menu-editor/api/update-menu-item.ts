import type { MenuItem, MenuItemUpdateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** PATCH /admin/menu-items/{id}: any of name, price, description, categoryId, imageKey, soldOut. */
function updateMenuItem(id: number, body: MenuItemUpdateBody): Promise<MenuItem> {
  return apiRequest<MenuItem>('PATCH', `/admin/menu-items/${id}`, { body });
}

type Items = { items: MenuItem[] };

/**
 * Changes a menu item (only the fields in `body`). A sold-out switch shows at once; the saved item then
 * replaces it in its category's list (both lists are read again when it moved category). On failure
 * the list is read again, so nothing unsaved stays on screen.
 */
export function useUpdateMenuItem() {
  const queryClient = useQueryClient();
  const patchList = (categoryId: number, id: number, patch: (i: MenuItem) => MenuItem) => {
    queryClient.setQueryData<Items>(menuKeys.itemsOf(categoryId), (d) =>
      d ? { items: d.items.map((i) => (i.id === id ? patch(i) : i)) } : d,
    );
  };
  return useMutation({
    mutationFn: ({ item, body }: { item: MenuItem; body: MenuItemUpdateBody }) =>
      updateMenuItem(item.id, body),
    onMutate: ({ item, body: { soldOut } }) => {
      if (soldOut !== undefined) patchList(item.categoryId, item.id, (i) => ({ ...i, soldOut }));
    },
    onSuccess: (saved, { item }) => {
      if (saved.categoryId !== item.categoryId)
        return queryClient.invalidateQueries({ queryKey: menuKeys.items() });
      patchList(item.categoryId, item.id, () => saved);
    },
    onError: (_err, { item }) =>
      queryClient.invalidateQueries({ queryKey: menuKeys.itemsOf(item.categoryId) }),
  });
}
