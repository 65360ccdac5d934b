import { retryAfterSeconds } from '../api/client';
import { SseParser, type SseMessage } from '@table-order/contracts/sse';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveStreamOptions {
  url: string;
  token: () => string | null;
  onMessage: (message: SseMessage) => void;
  onStatus: (status: StreamStatus) => void;
  /** The stream answered: `resumed` is true when it continues from a Last-Event-ID. */
  onOpen?: (info: { resumed: boolean }) => void;
  /** 401: the token was refused; the stream stops. */
  onUnauthorized: () => void;
  /** Delay before reconnect attempt `n` (1-based), in ms. */
  backoff?: (attempt: number, serverHintMs: number | null) => number;
}

/** Failed attempts after which "reconnecting" turns into "offline". */
const OFFLINE_AFTER = 4;
/** No byte (not even a heartbeat) for this long means the connection is dead. */
const SILENCE_MS = 45_000;

/** 0.5 s, 1 s, 2 s, 4 s … capped at 10 s, with ±20 % jitter so many screens do not reconnect in step. */
export function defaultBackoff(attempt: number, serverHintMs: number | null): number {
  const base = Math.min(10_000, 500 * 2 ** (attempt - 1));
  const withHint = serverHintMs === null ? base : Math.min(base, Math.max(serverHintMs, 500));
  return Math.round(withHint * (0.8 + Math.random() * 0.4));
}

class HttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`event stream answered ${status}`);
  }
}

/**
 * The store's live event stream read with `fetch` (so the token travels in the Authorization header,
 * never in the URL). Reconnects by itself with backoff and `Last-Event-ID`, so the server replays what
 * was missed; watches for silence (heartbeats stop) and for the browser coming back online.
 */
export class LiveStream {
  private lastEventId = '';
  private stopped = false;
  private controller: AbortController | null = null;
  private wake: (() => void) | null = null;
  private failures = 0;
  private serverRetryMs: number | null = null;

  constructor(private readonly opts: LiveStreamOptions) {}

  /** Starts reading (and reconnecting) until `stop()`. */
  start(): void {
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    void this.run();
  }

  /** Ends the stream for good. */
  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    this.controller?.abort();
    this.wake?.();
  }

  /** Drops the current connection and reconnects at once (keeps Last-Event-ID). */
  reconnectNow(): void {
    this.controller?.abort();
    this.wake?.();
  }

  private readonly handleOnline = () => {
    this.reconnectNow();
  };

  private readonly handleOffline = () => {
    this.opts.onStatus('offline');
  };

  private async run(): Promise<void> {
    this.opts.onStatus('connecting');
    while (!this.stopped) {
      let retryAfterMs: number | null = null;
      try {
        await this.connectOnce();
      } catch (err) {
        if (err instanceof HttpFailure) {
          if (err.status === 401) {
            this.stopped = true;
            this.opts.onUnauthorized();
            return;
          }
          retryAfterMs = err.retryAfterMs;
        }
        // network errors and aborts: reconnect below
      }
      if (this.stopped) return;
      this.failures += 1;
      const offline = !navigator.onLine || this.failures >= OFFLINE_AFTER;
      this.opts.onStatus(offline ? 'offline' : 'reconnecting');
      const backoff = this.opts.backoff ?? defaultBackoff;
      await this.sleep(retryAfterMs ?? backoff(this.failures, this.serverRetryMs));
    }
  }

  private async connectOnce(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const token = this.opts.token();
    if (!token) throw new HttpFailure(401, null);
    const headers: Record<string, string> = { accept: 'text/event-stream', authorization: `Bearer ${token}` };
    if (this.lastEventId) headers['last-event-id'] = this.lastEventId;
    const res = await fetch(this.opts.url, { headers, signal: controller.signal, cache: 'no-store' });
    if (!res.ok || !res.body) {
      const after = retryAfterSeconds(res.headers.get('retry-after'));
      throw new HttpFailure(res.status, after === null ? null : after * 1000);
    }
    const resumed = this.lastEventId !== '';
    this.failures = 0;
    this.opts.onStatus('live');
    this.opts.onOpen?.({ resumed });

    const parser = new SseParser(this.lastEventId);
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let silence = setTimeout(() => {
      controller.abort();
    }, SILENCE_MS);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        clearTimeout(silence);
        silence = setTimeout(() => {
          controller.abort();
        }, SILENCE_MS);
        for (const message of parser.push(value)) {
          this.lastEventId = message.id;
          this.opts.onMessage(message);
        }
        // id-only frames (the initial cursor) move the cursor without an event
        this.lastEventId = parser.lastEventId;
        if (parser.retryMs !== null) this.serverRetryMs = parser.retryMs;
        if (this.stopped) return;
      }
    } finally {
      clearTimeout(silence);
      reader.releaseLock();
      controller.abort();
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
