import type { StoreSettings } from '@table-order/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { settingsKeys } from './query-keys';

/** GET /admin/store: the store's name, time zone, call reasons, request chips, languages, idle timeout. */
export function getStoreSettings(signal?: AbortSignal): Promise<StoreSettings> {
  return apiRequest<StoreSettings>('GET', '/admin/store', { signal });
}

/** The store's settings (read again on `store.changed`, see app/App.tsx). */
export function useStoreSettings() {
  return useQuery({
    queryKey: settingsKeys.store(),
    queryFn: ({ signal }) => getStoreSettings(signal),
  });
}
