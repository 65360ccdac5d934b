import { SseParser } from '@table-order/contracts/sse';

/** `open`: receiving; `connecting`: (re)connecting after a clean end; `down`: the last attempt failed. */
export type StreamStatus = 'connecting' | 'open' | 'down';

export interface EventStreamOptions {
  /** Opens the HTTP stream (authorised fetch); headers carry Accept and Last-Event-ID. */
  open: (headers: Record<string, string>, signal: AbortSignal) => Promise<Response>;
  onEvent: (type: string, data: unknown) => void;
  onStatus: (status: StreamStatus) => void;
  /** Called on each successful connection; `resumed` is false when no Last-Event-ID was sent. */
  onOpen?: (resumed: boolean) => void;
  /** Test hooks. */
  random?: () => number;
  idleTimeoutMs?: number;
}

const MAX_DELAY_MS = 15_000;
const DEFAULT_RETRY_MS = 2_000;
/** A stream that stayed open this long counts as healthy; shorter ones back off like failures. */
const HEALTHY_MS = 2_000;

/** The stream answered with an HTTP error (e.g. 429 too many streams, 503 restarting). */
class StreamHttpError extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | undefined,
  ) {
    super(`event stream answered ${status}`);
  }
}

/**
 * Keeps a Server-Sent Events stream open with `fetch` (so the token travels in a header, never in the
 * URL): reconnects with `Last-Event-ID` after any end or failure, backing off exponentially with jitter
 * (honouring `retry:` and `Retry-After`), reconnects at once when the browser comes back online, and
 * treats a stream silent for longer than the idle timeout (no heartbeat) as dead. Returns `stop`.
 */
export function startEventStream(opts: EventStreamOptions): () => void {
  const random = opts.random ?? Math.random;
  const idleTimeoutMs = opts.idleTimeoutMs ?? 45_000;
  let stopped = false;
  let lastEventId = '';
  let retryMs = DEFAULT_RETRY_MS;
  let failures = 0;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;

  const handleOnline = () => {
    failures = 0;
    wake?.();
  };
  window.addEventListener('online', handleOnline);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function readStream(res: Response, controller: AbortController): Promise<void> {
    const body = res.body;
    if (!body) return;
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    const parser = new SseParser(lastEventId);
    let idle = setTimeout(() => {
      controller.abort();
    }, idleTimeoutMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(idle);
        idle = setTimeout(() => {
          controller.abort();
        }, idleTimeoutMs);
        for (const msg of parser.push(value)) {
          lastEventId = msg.id;
          let data: unknown;
          try {
            data = JSON.parse(msg.data);
          } catch {
            continue;
          }
          opts.onEvent(msg.event, data);
        }
        // A cursor-only frame (`id:` without data) still moves the resume point.
        lastEventId = parser.lastEventId;
        if (parser.retryMs !== null) retryMs = parser.retryMs;
      }
    } finally {
      clearTimeout(idle);
      reader.releaseLock();
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const controller = new AbortController();
      current = controller;
      let opened = false;
      let openedAt = 0;
      let retryAfterMs: number | undefined;
      try {
        const headers: Record<string, string> = { accept: 'text/event-stream' };
        if (lastEventId) headers['last-event-id'] = lastEventId;
        const res = await opts.open(headers, controller.signal);
        if (!res.ok || !res.body) {
          const retryAfter = Number(res.headers.get('retry-after'));
          await res.body?.cancel();
          throw new StreamHttpError(res.status, retryAfter > 0 ? retryAfter * 1000 : undefined);
        }
        opened = true;
        openedAt = Date.now();
        opts.onStatus('open');
        opts.onOpen?.(headers['last-event-id'] !== undefined);
        await readStream(res, controller);
      } catch (err) {
        if (stopped) return;
        if (err instanceof StreamHttpError) retryAfterMs = err.retryAfterMs;
      }
      if (stopped) return;
      let delay: number;
      if (opened && Date.now() - openedAt >= HEALTHY_MS) {
        // A stream that ended after working (server restart, token expiry): come back almost at once.
        failures = 0;
        opts.onStatus('connecting');
        delay = random() * 500;
      } else {
        opts.onStatus('down');
        const base = Math.min(MAX_DELAY_MS, retryMs * 2 ** Math.min(failures, 6));
        delay = retryAfterMs ?? base * (0.5 + random() / 2);
        failures++;
      }
      await sleep(delay);
    }
  }

  opts.onStatus('connecting');
  void run();

  return () => {
    stopped = true;
    window.removeEventListener('online', handleOnline);
    current?.abort();
    wake?.();
  };
}
