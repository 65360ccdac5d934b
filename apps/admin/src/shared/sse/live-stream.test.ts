import { afterEach, describe, expect, it, vi } from 'vitest';
import { LiveStream, type StreamStatus } from './live-stream';
import type { SseMessage } from '@table-order/contracts/sse';

/** A fetch answer whose body is the given SSE text, ended (as when the server restarts). */
function sseResponse(text: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('live stream', () => {
  it('sends the token in a header, reconnects after the stream ends with Last-Event-ID, and reports status', async () => {
    const calls: Headers[] = [];
    const answers = [
      () => sseResponse('retry: 3000\nid: 10\n\nid: 11\nevent: order.updated\ndata: {"a":1}\n\n'),
      () => Promise.reject(new TypeError('connection refused')),
      () => sseResponse('id: 12\nevent: order.deleted\ndata: {"b":2}\n\n'),
    ];
    const fetchMock = vi.fn((_url: string, init: RequestInit) => {
      calls.push(new Headers(init.headers));
      const next = answers.shift();
      return next ? next() : new Promise<Response>(() => undefined);
    });
    vi.stubGlobal('fetch', fetchMock);

    const messages: SseMessage[] = [];
    const statuses: StreamStatus[] = [];
    const opens: boolean[] = [];
    const stream = new LiveStream({
      url: '/api/v1/admin/events',
      token: () => 'tok',
      onMessage: (m) => messages.push(m),
      onStatus: (s) => statuses.push(s),
      onOpen: ({ resumed }) => opens.push(resumed),
      onUnauthorized: () => undefined,
      backoff: () => 5,
    });
    stream.start();
    await vi.waitFor(() => {
      expect(messages).toHaveLength(2);
    });
    stream.stop();

    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/admin/events');
    expect(calls[0]?.get('authorization')).toBe('Bearer tok');
    expect(calls[0]?.get('last-event-id')).toBeNull();
    // After the first stream ended at id 11, every retry resumes from there.
    expect(calls[1]?.get('last-event-id')).toBe('11');
    expect(calls[2]?.get('last-event-id')).toBe('11');
    expect(messages.map((m) => [m.id, m.event])).toEqual([
      ['11', 'order.updated'],
      ['12', 'order.deleted'],
    ]);
    expect(opens).toEqual([false, true]);
    expect(statuses.slice(0, 5)).toEqual(['connecting', 'live', 'reconnecting', 'reconnecting', 'live']);
  });

  it('stops and reports when the token is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response('{}', { status: 401 }))),
    );
    const onUnauthorized = vi.fn();
    const stream = new LiveStream({
      url: '/x',
      token: () => 'expired',
      onMessage: () => undefined,
      onStatus: () => undefined,
      onUnauthorized,
      backoff: () => 5,
    });
    stream.start();
    await vi.waitFor(() => {
      expect(onUnauthorized).toHaveBeenCalledOnce();
    });
    stream.stop();
  });

  it('turns amber then red while the server stays away', async () => {
    const fetchMock = vi.fn(() => Promise.reject(new TypeError('down')));
    vi.stubGlobal('fetch', fetchMock);
    const statuses: StreamStatus[] = [];
    const stream = new LiveStream({
      url: '/x',
      token: () => 't',
      onMessage: () => undefined,
      onStatus: (s) => statuses.push(s),
      onUnauthorized: () => undefined,
      backoff: () => 1,
    });
    stream.start();
    await vi.waitFor(() => {
      expect(statuses).toContain('offline');
    });
    stream.stop();
    expect(statuses.indexOf('reconnecting')).toBeLessThan(statuses.indexOf('offline'));
  });
});
