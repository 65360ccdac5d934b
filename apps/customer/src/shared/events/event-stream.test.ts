import { describe, expect, it } from 'vitest';
import { startEventStream, type StreamStatus } from './event-stream';

const sse = (text: string, status = 200) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status, headers: { 'content-type': 'text/event-stream' } },
  );

describe('startEventStream', () => {
  it('delivers events, then reconnects with Last-Event-ID after the stream ends or fails', async () => {
    const requests: Record<string, string>[] = [];
    const events: [string, unknown][] = [];
    const statuses: StreamStatus[] = [];
    const answers = [
      () =>
        sse('retry: 5\nid: 41\n\nid: 42\nevent: order.updated\ndata: {"orderId":1,"status":"preparing"}\n\n'),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response('{"error":"too_many_requests"}', { status: 429 }),
      () => sse(': ping\n\nid: 43\nevent: menu.changed\ndata: {}\n\n'),
    ];
    let stop: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      stop = startEventStream({
        random: () => 0,
        open: (headers) => {
          requests.push(headers);
          const next = answers.shift();
          if (!next) {
            resolve();
            return new Promise<Response>(() => undefined);
          }
          return Promise.resolve().then(next);
        },
        onEvent: (type, data) => events.push([type, data]),
        onStatus: (s) => statuses.push(s),
      });
    });
    await done;
    stop();

    expect(events).toEqual([
      ['order.updated', { orderId: 1, status: 'preparing' }],
      ['menu.changed', {}],
    ]);
    expect(requests.map((h) => h['last-event-id'])).toEqual([undefined, '42', '42', '42', '43']);
    expect(requests.every((h) => h.accept === 'text/event-stream')).toBe(true);
    expect(statuses).toContain('open');
    expect(statuses).toContain('down');
  });
});
