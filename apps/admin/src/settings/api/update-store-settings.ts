import type { StoreSettings, StoreSettingsPatch } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { settingsKeys } from './query-keys';

/** PATCH /admin/store: any of the settings, each replaced whole. */
export function updateStoreSettings(body: StoreSettingsPatch): Promise<StoreSettings> {
  return apiRequest<StoreSettings>('PATCH', '/admin/store', { body });
}

/** Saves settings; the answer becomes the cached settings at once. */
export function useUpdateStoreSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateStoreSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(settingsKeys.store(), saved);
    },
  });
}
