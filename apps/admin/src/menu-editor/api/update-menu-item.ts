import type { MenuItem, MenuItemUpdateBody } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** PATCH /admin/menu-items/{id}: any of name, price, description, categoryId, imageKey, soldOut. */
export function updateMenuItem(id: number, body: MenuItemUpdateBody): Promise<MenuItem> {
  return apiRequest<MenuItem>('PATCH', `/admin/menu-items/${id}`, { body });
}
