import type { Category } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** GET /admin/categories (display order). */
function listCategories(signal?: AbortSignal): Promise<{ items: Category[] }> {
  return apiRequest<{ items: Category[] }>('GET', '/admin/categories', { signal });
}

export function useCategories() {
  return useQuery({ queryKey: menuKeys.categories(), queryFn: ({ signal }) => listCategories(signal) });
}
