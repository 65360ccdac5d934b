import type { MenuItem } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/** GET /admin/menu-items?categoryId= (sold-out ones included, display order). */
function listMenuItems(categoryId: number, signal?: AbortSignal): Promise<{ items: MenuItem[] }> {
  return apiRequest<{ items: MenuItem[] }>('GET', '/admin/menu-items', { query: { categoryId }, signal });
}

export function useMenuItems(categoryId: number | null) {
  return useQuery({
    queryKey: menuKeys.itemsOf(categoryId ?? 0),
    queryFn: ({ signal }) => listMenuItems(categoryId ?? 0, signal),
    enabled: categoryId !== null,
  });
}
