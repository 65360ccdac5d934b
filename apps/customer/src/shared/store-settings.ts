import type { TableStoreSettings } from '@table-order/contracts';
import { DEFAULT_CALL_REASONS } from '@table-order/contracts/constants';
import { useQuery } from '@tanstack/react-query';
import { useSession } from './api/session-context';
import type { TableSession } from './api/table-session';

export const storeSettingsQueryKey = ['store-settings'] as const;

/** What the tablet assumes until (or unless) the server's settings arrive. */
export const FALLBACK_SETTINGS: Omit<TableStoreSettings, 'name' | 'timeZone'> = {
  callReasons: [...DEFAULT_CALL_REASONS],
  requestChips: [],
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
};

/** GET /table/store: the store's name, call reasons, request chips, languages and idle timeout. */
export async function getStoreSettings(
  session: TableSession,
  signal?: AbortSignal,
): Promise<TableStoreSettings> {
  const settings = await session.json<TableStoreSettings>('/table/store', signal ? { signal } : {});
  if (!settings) throw new Error('empty answer');
  return settings;
}

/** The store's settings; `store.changed` replaces them as they change (see orders/live-events). */
export function useStoreSettings() {
  const session = useSession();
  return useQuery({
    queryKey: storeSettingsQueryKey,
    queryFn: ({ signal }) => getStoreSettings(session, signal),
    staleTime: 5 * 60_000,
  });
}
