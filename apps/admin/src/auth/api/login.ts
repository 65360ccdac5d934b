import type { AdminLoginBody, AdminLoginResponse } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /auth/admin/login. */
export function login(body: AdminLoginBody): Promise<AdminLoginResponse> {
  return apiRequest<AdminLoginResponse>('POST', '/auth/admin/login', { body, anonymous: true });
}
