import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';

/**
 * DELETE /admin/tables/{id}/devices ("기기 초기화"): every tablet of the table is signed out (tokens and
 * device credentials) and needs the table password again.
 */
export function resetTableDevices(id: number): Promise<void> {
  return apiRequest<undefined>('DELETE', `/admin/tables/${id}/devices`);
}

/** Resets a table's devices (nothing on the table list or the board changes). */
export function useResetTableDevices() {
  return useMutation({ mutationFn: resetTableDevices });
}
