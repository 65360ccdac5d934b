import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LiveEvent } from './live-events.js';
import {
  OFFLINE_AFTER,
  reconnectDelay,
  retryAfterMs,
  startLiveStream,
  type Connectivity,
  type LiveStream,
  type LiveStreamOptions,
  type LiveStreamStatus,
} from './live-stream.js';

/** An answer whose body is `text`, then ends (as when the server restarts). */
const sse = (text: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(
    new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    }),
    { status, headers: { 'content-type': 'text/event-stream', ...headers } },
  );

/** A body the test writes to and ends itself. */
function openBody() {
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      ctrl = c;
    },
  });
  return {
    response: new Response(body, { status: 200 }),
    send: (text: string) => {
      ctrl.enqueue(new TextEncoder().encode(text));
    },
    end: () => {
      ctrl.close();
    },
  };
}

class FakeConnectivity implements Connectivity {
  online = true;
  private handlers: { on: () => void; off: () => void }[] = [];
  isOnline() {
    return this.online;
  }
  watch(on: () => void, off: () => void) {
    const h = { on, off };
    this.handlers.push(h);
    return () => {
      this.handlers = this.handlers.filter((x) => x !== h);
    };
  }
  set(online: boolean) {
    this.online = online;
    for (const h of this.handlers) (online ? h.on : h.off)();
  }
  get watchers() {
    return this.handlers.length;
  }
}

/** Runs a stream over scripted answers; after the last one, `open` hangs (and `done` resolves). */
function run(answers: (() => Response | Promise<Response>)[], opts: Partial<LiveStreamOptions> = {}) {
  const requests: Record<string, string>[] = [];
  const events: LiveEvent[] = [];
  const statuses: LiveStreamStatus[] = [];
  const opens: boolean[] = [];
  const connectivity = new FakeConnectivity();
  let stream!: LiveStream;
  const done = new Promise<void>((resolve) => {
    stream = startLiveStream({
      connectivity,
      random: () => 0,
      delayMs: () => 1,
      open: (headers) => {
        requests.push(headers);
        const next = answers.shift();
        if (!next) {
          resolve();
          return new Promise<Response>(() => undefined);
        }
        return Promise.resolve().then(next);
      },
      onEvent: (e) => events.push(e),
      onStatus: (s) => statuses.push(s),
      onOpen: ({ resumed }) => opens.push(resumed),
      ...opts,
    });
  });
  return { stream, done, requests, events, statuses, opens, connectivity };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('live stream client', () => {
  it('delivers typed events, then reconnects with Last-Event-ID after the stream ends or fails', async () => {
    const r = run([
      () =>
        sse(
          'retry: 3000\nid: 41\n\nid: 42\nevent: order.updated\ndata: {"orderId":1,"tableId":2,"status":"preparing","pendingCount":0,"preparingCount":1,"oldestPendingAt":null}\n\n',
        ),
      () => {
        throw new TypeError('Failed to fetch');
      },
      () => new Response('{"error":"too_many_requests"}', { status: 429, headers: { 'retry-after': '0' } }),
      () => new Response('{"error":"unauthorized"}', { status: 401 }),
      () =>
        sse(': ping\n\nid: 43\nevent: menu.changed\ndata: {}\n\nid: 44\nevent: future.thing\ndata: {}\n\n'),
    ]);
    await r.done;
    r.stream.stop();

    expect(r.events).toEqual([
      {
        type: 'order.updated',
        payload: {
          orderId: 1,
          tableId: 2,
          status: 'preparing',
          pendingCount: 0,
          preparingCount: 1,
          oldestPendingAt: null,
        },
      },
      { type: 'menu.changed', payload: {} },
    ]);
    // The first stream ended at 42; every retry resumes from there; the unknown type still moves the cursor.
    expect(r.requests.map((h) => h['last-event-id'])).toEqual([undefined, '42', '42', '42', '42', '44']);
    expect(r.requests.every((h) => h.accept === 'text/event-stream')).toBe(true);
    expect(r.opens).toEqual([false, true]);
    // The first stream ended at once (a failure), then three failed attempts; without onUnauthorized a 401
    // is retried like any failure.
    expect(r.statuses).toEqual([
      'connecting',
      'live',
      'reconnecting',
      'reconnecting',
      'reconnecting',
      'offline',
      'live',
      'offline',
    ]);
  });

  it('delivers staff calls and store settings changes like every recorded event', async () => {
    const call = {
      id: 5,
      tableId: 2,
      tableNumber: 2,
      reasons: ['물'],
      message: null,
      status: 'open',
      createdAt: '2025-01-01T03:00:00.000Z',
      acknowledgedAt: null,
    };
    const settings = {
      name: '한식당',
      timeZone: 'Asia/Seoul',
      callReasons: ['물'],
      requestChips: [],
      menuLanguages: ['ko'],
      idleTimeoutSeconds: 0,
    };
    const ack = { callId: 5, tableId: 2, acknowledgedAt: '2025-01-01T03:01:00.000Z' };
    const r = run([
      () =>
        sse(
          [
            `id: 1\nevent: call.created\ndata: ${JSON.stringify(call)}\n\n`,
            `id: 2\nevent: call.acknowledged\ndata: ${JSON.stringify(ack)}\n\n`,
            `id: 3\nevent: store.changed\ndata: ${JSON.stringify(settings)}\n\n`,
          ].join(''),
        ),
    ]);
    await r.done;
    r.stream.stop();
    expect(r.events).toEqual([
      { type: 'call.created', payload: call },
      { type: 'call.acknowledged', payload: ack },
      { type: 'store.changed', payload: settings },
    ]);
  });

  it('stops and reports once when the credentials are refused, if the app handles that', async () => {
    const onUnauthorized = vi.fn();
    const r = run([() => new Response('{}', { status: 401 }), () => sse('')], { onUnauthorized });
    await vi.waitFor(() => {
      expect(onUnauthorized).toHaveBeenCalledOnce();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.requests).toHaveLength(1);
    expect(r.connectivity.watchers).toBe(0);
  });

  it('waits what Retry-After says instead of its own backoff, and backs off otherwise', async () => {
    const delays: number[] = [];
    const r = run(
      [
        () => new Response('', { status: 503, headers: { 'retry-after': '0' } }),
        () => new Response('', { status: 503 }),
        () => new Response('', { status: 503 }),
      ],
      {
        delayMs: (attempt) => {
          delays.push(attempt);
          return 1;
        },
      },
    );
    await r.done;
    r.stream.stop();
    // Attempt 1 waited its Retry-After; 2 and 3 used the backoff.
    expect(delays).toEqual([2, 3]);
  });

  it('comes back at once after a working stream ends, reporting connecting rather than a failure', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const first = openBody();
    const r = run([() => first.response], { delayMs: () => 60_000 });
    await vi.waitFor(() => {
      expect(r.statuses).toContain('live');
    });
    first.send('id: 5\n\n');
    vi.setSystemTime(Date.now() + 3000);
    first.end();
    await r.done; // no 60 s backoff: the next attempt came at once
    r.stream.stop();
    expect(r.statuses.slice(0, 3)).toEqual(['connecting', 'live', 'connecting']);
    expect(r.requests.map((h) => h['last-event-id'])).toEqual([undefined, '5']);
  });

  it('reports offline when the device goes offline and reconnects at once when it is back', async () => {
    const r = run([() => new Response('', { status: 503 })], { delayMs: () => 60_000 });
    await vi.waitFor(() => {
      expect(r.statuses).toContain('reconnecting');
    });
    r.connectivity.set(false);
    expect(r.statuses.at(-1)).toBe('offline');
    r.connectivity.set(true); // wakes the 60 s wait
    await r.done;
    r.stream.stop();
    expect(r.requests).toHaveLength(2);
  });

  it('drops a stream that stays silent (no heartbeat) and resumes it', async () => {
    const silent = openBody();
    const r = run([() => silent.response], { silenceMs: 30 });
    await r.done;
    r.stream.stop();
    expect(r.statuses).toEqual(['connecting', 'live', 'reconnecting']);
  });

  it('stop() ends an open stream and its wait for good', async () => {
    const body = openBody();
    const r = run([() => body.response]);
    await vi.waitFor(() => {
      expect(r.statuses).toContain('live');
    });
    r.stream.stop();
    body.send('id: 1\nevent: menu.changed\ndata: {}\n\n');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(r.events).toEqual([]);
    expect(r.requests).toHaveLength(1);
    expect(r.connectivity.watchers).toBe(0);
  });
});

describe('reconnect policy', () => {
  it('doubles from 0.5 s up to 10 s, never beyond the server retry hint, with ±20 % jitter', () => {
    const mid = (n: number, hint: number | null = null) => reconnectDelay(n, hint, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => mid(n))).toEqual([500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect([1, 2, 3, 4, 5].map((n) => mid(n, 3000))).toEqual([500, 1000, 2000, 3000, 3000]);
    expect(mid(3, 10)).toBe(500);
    expect(reconnectDelay(1, null, () => 0)).toBe(400);
    expect(reconnectDelay(1, null, () => 1)).toBe(600);
    expect(OFFLINE_AFTER).toBe(4);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs('10', now)).toBe(10_000);
    expect(retryAfterMs('0', now)).toBe(0);
    expect(retryAfterMs('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});
