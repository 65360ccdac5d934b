import type { MenuItem, MenuItemCreateBody } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /admin/menu-items. */
export function createMenuItem(body: MenuItemCreateBody): Promise<MenuItem> {
  return apiRequest<MenuItem>('POST', '/admin/menu-items', { body });
}
