import type { QueryClient, QueryKey } from '@tanstack/react-query';

type List<T> = { items: T[] };

/**
 * Mutation callbacks for saving a new order of a cached list: the list shows it at once, then the
 * server's answer; a refusal puts the old list back.
 */
export function optimisticOrder<T>(queryClient: QueryClient, key: QueryKey) {
  return {
    onMutate: (next: T[]) => {
      const previous = queryClient.getQueryData<List<T>>(key);
      queryClient.setQueryData<List<T>>(key, { items: next });
      return { previous };
    },
    onSuccess: (saved: List<T>) => {
      queryClient.setQueryData(key, saved);
    },
    onError: (_err: unknown, _next: T[], context: { previous: List<T> | undefined } | undefined) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
  };
}
