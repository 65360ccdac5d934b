import type { Category } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** POST /admin/categories `{name}`. */
function createCategory(name: string): Promise<Category> {
  return apiRequest<Category>('POST', '/admin/categories', { body: { name } });
}

/** Adds a category; settles once the category list shows it. */
export function useCreateCategory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCategory,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: menuKeys.categories() }),
  });
}
