import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** DELETE /admin/categories/{id} (409 category_not_empty while it holds items). */
function deleteCategory(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/categories/${id}`);
}

/** Deletes an empty category; settles once the category list no longer shows it. */
export function useDeleteCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.categories() }),
  });
}
