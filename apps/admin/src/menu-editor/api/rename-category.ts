import type { Category } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** PATCH /admin/categories/{id} `{name}`. */
function renameCategory(id: number, name: string): Promise<Category> {
  return apiRequest<Category>('PATCH', `/admin/categories/${id}`, { body: { name } });
}

/** Renames a category; settles once the category list shows the new name. */
export function useRenameCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => renameCategory(id, name),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.categories() }),
  });
}
