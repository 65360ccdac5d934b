import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';

/** Retries what can succeed later (no answer, 5xx, 429); a 4xx answer will not change by retrying. */
function shouldRetry(failures: number, err: unknown): boolean {
  if (err instanceof ApiError && err.status < 500 && err.status !== 429) return false;
  return failures < 6;
}

/** The app's query client: the live stream keeps data fresh, so no refetch on focus. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(15_000, 1000 * 2 ** attempt),
        refetchOnWindowFocus: false,
      },
    },
  });
}
