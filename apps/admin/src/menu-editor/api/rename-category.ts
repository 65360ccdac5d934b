import type { Category, CategoryUpdateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** PATCH /admin/categories/{id} `{name?, translations?}`. */
function updateCategory(id: number, body: CategoryUpdateBody): Promise<Category> {
  return apiRequest<Category>('PATCH', `/admin/categories/${id}`, { body });
}

/** Renames a category and/or replaces its translations; settles once the category list shows them. */
export function useRenameCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number } & CategoryUpdateBody) => updateCategory(id, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.categories() }),
  });
}
