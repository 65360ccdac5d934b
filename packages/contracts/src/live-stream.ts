// The one live-stream client both apps run (the dashboard's store stream, the tablet's table stream):
// one reconnect loop, one backoff policy, one status vocabulary. No zod and no DOM types here (see sse.ts).
import { readLiveEvent, type LiveEvent } from './live-events.js';
import { SseParser, type SseMessage } from './sse-parser.js';

/**
 * `connecting`: opening, with no failure since the last working stream (the first connection, or right
 * after a working stream ended, e.g. a server restart or a token renewal); `live`: receiving;
 * `reconnecting`: the last attempt failed, trying again; `offline`: the device is offline, or
 * OFFLINE_AFTER attempts in a row failed.
 */
export type LiveStreamStatus = 'connecting' | 'live' | 'reconnecting' | 'offline';

/** Whether the device has a network, and when that changes (the browser's `online`/`offline` events). */
export interface Connectivity {
  isOnline(): boolean;
  /** Calls `onOnline`/`onOffline` on every change until the returned function is called. */
  watch(onOnline: () => void, onOffline: () => void): () => void;
}

export interface LiveStreamOptions {
  /**
   * Opens the HTTP stream with the app's credentials (a Bearer header, never a URL token); `headers`
   * carry `Accept` and, when resuming, `Last-Event-ID`. Resolves with the response, even an error one.
   */
  open: (headers: Record<string, string>, signal: AbortSignal) => Promise<Response>;
  /** Each recognised event (unknown types and malformed payloads are skipped), with its raw message. */
  onEvent: (event: LiveEvent, message: SseMessage) => void;
  onStatus: (status: LiveStreamStatus) => void;
  /** Each answered connection; `resumed` false: it started without Last-Event-ID (reload the snapshot). */
  onOpen?: (info: { resumed: boolean }) => void;
  /** When given, a 401 ends the stream for good and calls this; else a 401 is retried like any failure. */
  onUnauthorized?: () => void;
  /** Defaults to the browser's `navigator.onLine` and `online`/`offline` events. */
  connectivity?: Connectivity;
  /** Tests only: replaces `reconnectDelay` (the delay before failed attempt `n` is retried). */
  delayMs?: (attempt: number, serverRetryMs: number | null) => number;
  /** Tests only. */
  random?: () => number;
  silenceMs?: number;
}

export interface LiveStream {
  /** Ends the stream for good. */
  stop(): void;
  /** Drops the current connection (or wait) and connects again at once, resuming from Last-Event-ID. */
  reconnectNow(): void;
}

/** Failed attempts in a row after which the status turns from `reconnecting` to `offline`. */
export const OFFLINE_AFTER = 4;
/** No byte (not even a heartbeat) for this long means the connection is dead. */
const SILENCE_MS = 45_000;
/** A stream that stayed open this long counted as working; one that ended sooner counts as a failure. */
const HEALTHY_MS = 2_000;
/** After a working stream ends, reconnect within this (jittered: a restart's clients return spread out). */
const QUICK_RECONNECT_MS = 500;
const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

/**
 * The backoff policy: before retrying failed attempt `attempt` (1-based) wait 0.5 s, 1 s, 2 s, 4 s …,
 * at most 10 s and at most the server's `retry:` hint (but never under 0.5 s), with ±20 % jitter so many
 * screens do not reconnect in step. An answer's `Retry-After` overrides it.
 */
export function reconnectDelay(attempt: number, serverRetryMs: number | null, random: () => number): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (attempt - 1));
  const capped = serverRetryMs === null ? base : Math.min(base, Math.max(serverRetryMs, FIRST_DELAY_MS));
  return Math.round(capped * (0.8 + random() * 0.4));
}

/** `Retry-After` (seconds or an HTTP date) in ms; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds)) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

interface BrowserGlobals {
  navigator?: { onLine?: boolean };
  addEventListener?: (type: string, listener: () => void) => void;
  removeEventListener?: (type: string, listener: () => void) => void;
}

/** The browser's view of the network; in an environment without one, always online. */
export const browserConnectivity: Connectivity = {
  isOnline: () => (globalThis as BrowserGlobals).navigator?.onLine !== false,
  watch(onOnline, onOffline) {
    const g = globalThis as BrowserGlobals;
    g.addEventListener?.('online', onOnline);
    g.addEventListener?.('offline', onOffline);
    return () => {
      g.removeEventListener?.('online', onOnline);
      g.removeEventListener?.('offline', onOffline);
    };
  },
};

type Attempt =
  | { kind: 'failed'; retryAfterMs: number | null }
  | { kind: 'ended'; healthy: boolean }
  | { kind: 'unauthorized' };

/**
 * Keeps a Server-Sent Events stream open with `fetch`: after any end or failure it reconnects with
 * `Last-Event-ID` (so the server replays what was missed), backing off by `reconnectDelay`; it
 * reconnects at once when the device comes back online and treats a stream silent for longer than
 * SILENCE_MS (no heartbeat) as dead.
 */
export function startLiveStream(opts: LiveStreamOptions): LiveStream {
  const connectivity = opts.connectivity ?? browserConnectivity;
  const random = opts.random ?? Math.random;
  const delayMs = opts.delayMs ?? ((attempt, hint) => reconnectDelay(attempt, hint, random));
  const silenceMs = opts.silenceMs ?? SILENCE_MS;
  let stopped = false;
  let lastEventId = '';
  let serverRetryMs: number | null = null;
  let failures = 0;
  let current: AbortController | undefined;
  let wake: (() => void) | undefined;

  const reconnectNow = () => {
    current?.abort();
    wake?.();
  };
  const unwatch = connectivity.watch(
    () => {
      failures = 0;
      reconnectNow();
    },
    () => {
      if (!stopped) opts.onStatus('offline');
    },
  );

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

  async function read(body: NonNullable<Response['body']>, controller: AbortController): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    // Whatever `open` did with the signal, aborting ends the read.
    const cancel = () => {
      reader.cancel().catch(() => undefined);
    };
    controller.signal.addEventListener('abort', cancel);
    const parser = new SseParser(lastEventId);
    const abort = () => {
      controller.abort();
    };
    let silence = setTimeout(abort, silenceMs);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || stopped) return;
        clearTimeout(silence);
        silence = setTimeout(abort, silenceMs);
        for (const message of parser.push(value)) {
          lastEventId = message.id;
          const event = readLiveEvent(message);
          if (event) opts.onEvent(event, message);
          if (stopped) return;
        }
        // A cursor-only frame (`id:` without data) still moves the resume point.
        lastEventId = parser.lastEventId;
        if (parser.retryMs !== null) serverRetryMs = parser.retryMs;
      }
    } finally {
      clearTimeout(silence);
      controller.signal.removeEventListener('abort', cancel);
    }
  }

  async function attempt(): Promise<Attempt> {
    const controller = new AbortController();
    current = controller;
    const headers: Record<string, string> = { accept: 'text/event-stream' };
    if (lastEventId) headers['last-event-id'] = lastEventId;
    let openedAt: number | undefined;
    try {
      const res = await opts.open(headers, controller.signal);
      if (!res.ok || !res.body) {
        await res.body?.cancel().catch(() => undefined);
        if (res.status === 401 && opts.onUnauthorized) return { kind: 'unauthorized' };
        return { kind: 'failed', retryAfterMs: retryAfterMs(res.headers.get('retry-after')) };
      }
      if (stopped) return { kind: 'ended', healthy: false };
      openedAt = Date.now();
      opts.onStatus('live');
      opts.onOpen?.({ resumed: headers['last-event-id'] !== undefined });
      await read(res.body, controller);
    } catch {
      // a network error, an abort or the silence timeout: reconnect below
    } finally {
      controller.abort();
    }
    if (openedAt === undefined) return { kind: 'failed', retryAfterMs: null };
    return { kind: 'ended', healthy: Date.now() - openedAt >= HEALTHY_MS };
  }

  async function run(): Promise<void> {
    opts.onStatus('connecting');
    while (!stopped) {
      const outcome = await attempt();
      if (stopped) return;
      if (outcome.kind === 'unauthorized') {
        stop();
        opts.onUnauthorized?.();
        return;
      }
      let wait: number;
      if (outcome.kind === 'ended' && outcome.healthy) {
        failures = 0;
        opts.onStatus('connecting');
        wait = random() * QUICK_RECONNECT_MS;
      } else {
        failures += 1;
        const offline = !connectivity.isOnline() || failures >= OFFLINE_AFTER;
        opts.onStatus(offline ? 'offline' : 'reconnecting');
        wait = (outcome.kind === 'failed' ? outcome.retryAfterMs : null) ?? delayMs(failures, serverRetryMs);
      }
      await sleep(wait);
    }
  }

  function stop() {
    stopped = true;
    unwatch();
    reconnectNow();
  }

  void run();
  return { stop, reconnectNow };
}
