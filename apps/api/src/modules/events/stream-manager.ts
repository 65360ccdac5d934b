import type { OutgoingHttpHeaders } from 'node:http';
import { RESYNC_EVENT } from '@table-order/contracts';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import type { StreamKind } from '../../infra/metrics.js';
import { AppError, Errors } from '../../shared/errors.js';
import { authenticate, type Principal } from '../auth/index.js';
import { eventLogPosition } from './events.repository.js';
import { HeartbeatWheel, type Beating } from './heartbeat-wheel.js';
import { ReplayCache, replayPagesFrom } from './replay-cache.js';
import { HEARTBEAT_FRAME, sseFrame } from './sse-frame.js';
import { SseStream } from './sse-stream.js';

/** Concurrent streams allowed per table (per instance). */
export const MAX_TABLE_STREAMS = 5;
/** Concurrent admin streams allowed per store (per instance). */
export const MAX_ADMIN_STREAMS = 50;
/** Reconnect delay suggested to clients (`retry:`), in ms. */
const RETRY_MS = 3000;

const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StreamManagerOptions {
  heartbeatMs: number;
  /** Bytes a stream may have queued on a slow socket before it is dropped. */
  maxPendingBytes: number;
}

/** Parses `Last-Event-ID`: undefined when absent, NaN when not an id this server could have sent. */
export function parseLastEventId(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : NaN;
}

/** How a stream starts, from the client's cursor and where the store's event log stands. */
export type StreamStart =
  /** No cursor: give it the current one and go live. */
  | { kind: 'fresh' }
  /** The cursor cannot be replayed (malformed, from the future, or older than the purge): resync. */
  | { kind: 'resync' }
  /** Replay the events after `after`, then go live. */
  | { kind: 'replay'; after: number };

export function planStart(
  lastEventId: number | undefined,
  position: { seq: number; purgedThrough: number },
): StreamStart {
  if (lastEventId === undefined) return { kind: 'fresh' };
  if (Number.isNaN(lastEventId) || lastEventId > position.seq || lastEventId < position.purgedThrough) {
    return { kind: 'resync' };
  }
  return { kind: 'replay', after: lastEventId };
}

const kindOf = (stream: SseStream): StreamKind => (stream.tableId === null ? 'admin' : 'table');

/**
 * Open streams per slot (a table, or a store's admins), per instance: `acquire` refuses past the limit
 * (429) and returns the release.
 */
export class StreamLimits {
  private readonly counts = new Map<string, number>();

  acquire(storeId: number, tableId: number | null): () => void {
    const slot = tableId === null ? `admin:${storeId}` : `table:${tableId}`;
    const limit = tableId === null ? MAX_ADMIN_STREAMS : MAX_TABLE_STREAMS;
    const used = this.counts.get(slot) ?? 0;
    if (used >= limit) {
      throw Errors.tooManyRequests(10, `At most ${limit} live streams are allowed here at once.`);
    }
    this.counts.set(slot, used + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.counts.get(slot) ?? 1) - 1;
      if (n > 0) this.counts.set(slot, n);
      else this.counts.delete(slot);
    };
  }
}

/**
 * Opens, limits and ends live event streams: subscribe first (buffering), read the log position, replay
 * what the client missed, then go live; a heartbeat re-checks the token so revoked or expired ones end.
 */
export class StreamManager {
  private readonly streams = new Set<SseStream>();
  private readonly limits = new StreamLimits();
  private readonly pages: ReplayCache;
  private readonly heartbeats: HeartbeatWheel;
  private closing = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
    private readonly opts: StreamManagerOptions,
  ) {
    this.heartbeats = new HeartbeatWheel(opts.heartbeatMs);
    this.pages = new ReplayCache(replayPagesFrom(ctx.db));
  }

  /** Serves one stream request; errors before the stream starts go through the normal error handler. */
  async open(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    if (this.closing) throw Errors.serviceUnavailable('The server is restarting. Reconnect shortly.', 1);
    const { storeId } = principal;
    const tableId = principal.kind === 'table' ? principal.tableId : null;
    const release = this.limits.acquire(storeId, tableId);
    const { hub, metrics } = this.ctx;
    const kind = principal.kind;
    const stream = new SseStream(reply.raw, storeId, tableId, this.opts.maxPendingBytes, (e) => {
      metrics.eventWritten(kind, hub.committedAt(e));
    });
    this.streams.add(stream);
    stream.onClose(() => {
      this.streams.delete(stream);
      release();
    });
    // Subscribe before reading the log so nothing committed from here on can fall between replay and live.
    stream.onClose(
      this.ctx.hub.subscribe(storeId, (e) => {
        stream.push(e);
      }),
    );

    let position: Awaited<ReturnType<typeof eventLogPosition>>;
    try {
      position = await eventLogPosition(this.ctx.db, storeId);
    } catch (err) {
      stream.close();
      throw err;
    }
    if (!position) {
      stream.close();
      throw Errors.invalidToken();
    }
    this.ctx.hub.seed(storeId, position.seq);

    void reply.hijack();
    // Headers other hooks set (CORS) are kept; hijacking skips Fastify's own send.
    const headers: OutgoingHttpHeaders = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = typeof value === 'number' ? String(value) : value;
    }
    stream.start({
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    stream.onClose(metrics.streamOpened(kind));
    this.watch(stream, request, principal);

    const { seq } = position;
    const start = planStart(parseLastEventId(request.headers['last-event-id']), position);
    if (start.kind === 'fresh') {
      // Gives the client a cursor before its first event, so even an early reconnect replays exactly.
      stream.sendFrame(sseFrame({ retryMs: RETRY_MS, id: seq }), seq);
      stream.goLive(seq);
      return;
    }
    stream.write(sseFrame({ retryMs: RETRY_MS }));
    if (start.kind === 'resync') this.resync(stream, seq, seq);
    else await this.replay(stream, start.after, seq);
  }

  /** Ends every stream (server shutdown): clients reconnect, to another instance, and replay. */
  shutdown(): void {
    this.closing = true;
    for (const stream of this.streams) stream.close();
  }

  /** The client cannot catch up by replay: it reloads its snapshot and continues from `seq`. */
  private resync(stream: SseStream, seq: number, coveredThrough: number): void {
    stream.sendFrame(sseFrame({ id: seq, event: RESYNC_EVENT, data: '{}' }), seq);
    stream.goLive(coveredThrough);
    this.ctx.metrics.replayServed(kindOf(stream), 'resync');
  }

  private async replay(stream: SseStream, last: number, seq: number): Promise<void> {
    const { storeId, tableId } = stream;
    let after = last;
    try {
      for (;;) {
        const page = await this.pages.get(storeId, tableId, after, seq);
        if (stream.closed) return;
        // Events after the cursor were purged, before or during this replay: the client reloads instead.
        if (page.purgedThrough > 0) {
          await this.resyncNow(stream, after);
          return;
        }
        for (const chunk of page.chunks) {
          stream.sendFrame(chunk.bytes, chunk.lastId);
          // Wait for the socket rather than queue a whole page: past the per-stream limit a stream is
          // dropped as a client that stopped reading, so a long replay could otherwise never finish.
          await stream.drained();
          if (stream.closed) return;
        }
        after = page.chunks.at(-1)?.lastId ?? after;
        if (!page.full) break;
      }
    } catch (err) {
      this.log.warn({ err, storeId }, 'event replay failed; the client will reconnect');
      stream.close();
      return;
    }
    // Every event up to `seq` had committed before the replay read, and the replay read through `after`.
    stream.goLive(Math.max(seq, after));
    this.ctx.metrics.replayServed(kindOf(stream), 'replay');
  }

  /** Resync mid-replay, with a cursor read now: never behind what was already sent (`after`). */
  private async resyncNow(stream: SseStream, after: number): Promise<void> {
    const now = await eventLogPosition(this.ctx.db, stream.storeId);
    if (stream.closed) return;
    if (now) this.resync(stream, now.seq, Math.max(now.seq, after));
    else stream.close();
  }

  /** Heartbeat plus token re-check every beat, and an end timer at the token's expiry. */
  private watch(stream: SseStream, request: FastifyRequest, principal: Principal): void {
    const watch = new StreamWatch(stream, () => authenticate(this.ctx, request), this.log);
    stream.onClose(this.heartbeats.add(watch));
    // Tokens beyond the longest timer still end within a heartbeat of expiry via the re-check.
    const untilExpiry = principal.exp * 1000 - this.ctx.clock.now();
    const expiry =
      untilExpiry <= MAX_TIMER_MS
        ? setTimeout(
            () => {
              stream.close();
            },
            Math.max(0, untilExpiry),
          )
        : undefined;
    expiry?.unref();
    stream.onClose(() => {
      clearTimeout(expiry);
    });
  }
}

/** One stream's heartbeat: a ping, and a token re-check unless the previous one is still running. */
export class StreamWatch implements Beating {
  private checking = false;

  constructor(
    private readonly stream: Pick<SseStream, 'write' | 'close' | 'closed'>,
    private readonly check: () => Promise<unknown>,
    private readonly log: Pick<FastifyBaseLogger, 'warn'>,
  ) {}

  beat(): void {
    this.stream.write(HEARTBEAT_FRAME);
    if (this.checking || this.stream.closed) return;
    this.checking = true;
    this.check().then(this.checked, this.refused);
  }

  // Bound once per stream, so a beat allocates no closures of its own.
  private readonly checked = (): void => {
    this.checking = false;
  };

  private readonly refused = (err: unknown): void => {
    this.checking = false;
    // Only a refused token ends the stream; a database hiccup keeps it open.
    if (err instanceof AppError) this.stream.close();
    else this.log.warn({ err }, 'live stream token re-check failed');
  };
}
