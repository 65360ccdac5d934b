import type { Category } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { optimisticOrder } from './optimistic-order';
import { menuKeys } from './query-keys';

/** PUT /admin/categories/order `{ids}`: the full new order. */
function reorderCategories(ids: number[]): Promise<{ items: Category[] }> {
  return apiRequest<{ items: Category[] }>('PUT', '/admin/categories/order', { body: { ids } });
}

/** Saves a new category order: the list shows it at once and goes back if the server refuses. */
export function useReorderCategories() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (next: Category[]) => reorderCategories(next.map((c) => c.id)),
    ...optimisticOrder<Category>(queryClient, menuKeys.categories()),
  });
}
