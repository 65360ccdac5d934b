import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { vi } from 'vitest';
import { createQueryClient } from './query-client';

/** One request the app sent: method, path after /api/v1 (with query) and the parsed JSON body. */
export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

type Answer = { status: number; body?: unknown } | Promise<{ status: number; body?: unknown }>;

/**
 * Stands in for the API in component tests: records what the app sends and answers from the queue
 * (`answer`), else 200 `{}`. Undo with `vi.unstubAllGlobals()`.
 */
export function fakeApi() {
  const sent: SentRequest[] = [];
  const answers: Answer[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({
        method: init.method ?? 'GET',
        path: url.replace(/^\/api\/v1/, ''),
        body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body,
      });
      const { status, body } = await (answers.shift() ?? { status: 200, body: {} });
      return new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return {
    sent,
    /** Queues the next answer. */
    answer(status: number, body?: unknown) {
      answers.push({ status, body });
    },
    /** Queues an answer that arrives when the returned function is called. */
    answerLater(status: number, body?: unknown): () => void {
      let resolve: (a: { status: number; body?: unknown }) => void = () => undefined;
      answers.push(
        new Promise((r) => {
          resolve = r;
        }),
      );
      return () => {
        resolve({ status, body });
      };
    },
  };
}

/** A fresh query client and a wrapper that provides it, for `render`/`renderHook`. */
export function queryWrapper(): {
  queryClient: QueryClient;
  wrapper: (p: { children: ReactNode }) => ReactNode;
} {
  const queryClient = createQueryClient();
  return {
    queryClient,
    wrapper: ({ children }) => <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>,
  };
}
