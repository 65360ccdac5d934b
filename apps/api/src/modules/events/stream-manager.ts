import type { OutgoingHttpHeaders } from 'node:http';
import { RESYNC_EVENT } from '@table-order/contracts';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError, Errors } from '../../shared/errors.js';
import { authenticate, type Principal } from '../auth/index.js';
import { eventLogPosition, listEventsAfter } from './events.repository.js';
import { eventFrame, SseStream } from './sse-stream.js';

/** Concurrent streams allowed per table (per instance). */
export const MAX_TABLE_STREAMS = 5;
/** Concurrent admin streams allowed per store (per instance). */
export const MAX_ADMIN_STREAMS = 50;
/** Reconnect delay suggested to clients (`retry:`), in ms. */
export const RETRY_MS = 3000;

const REPLAY_PAGE = 500;
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface StreamManagerOptions {
  heartbeatMs: number;
  /** Bytes a stream may have queued on a slow socket before it is dropped. */
  maxPendingBytes: number;
}

/** Parses `Last-Event-ID`: undefined when absent, NaN when not an id this server could have sent. */
function parseLastEventId(header: string | string[] | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  return typeof header === 'string' && /^\d{1,15}$/.test(header) ? Number(header) : NaN;
}

/**
 * Opens, limits and ends live event streams: subscribe first (buffering), read the log position, replay
 * what the client missed, then go live; a heartbeat re-checks the token so revoked or expired ones end.
 */
export class StreamManager {
  private readonly streams = new Set<SseStream>();
  private readonly counts = new Map<string, number>();
  private closing = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
    private readonly opts: StreamManagerOptions,
  ) {}

  /** Serves one stream request; errors before the stream starts go through the normal error handler. */
  async open(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    if (this.closing) throw Errors.unavailable('The server is restarting. Reconnect shortly.', 1);
    const { storeId } = principal;
    const tableId = principal.kind === 'table' ? principal.tableId : null;
    const slot = tableId === null ? `admin:${storeId}` : `table:${tableId}`;
    const limit = tableId === null ? MAX_ADMIN_STREAMS : MAX_TABLE_STREAMS;
    const used = this.counts.get(slot) ?? 0;
    if (used >= limit) {
      throw Errors.tooManyRequests(10, `At most ${limit} live streams are allowed here at once.`);
    }

    const stream = new SseStream(reply.raw, storeId, tableId, this.opts.maxPendingBytes);
    this.counts.set(slot, used + 1);
    this.streams.add(stream);
    stream.onClose(() => {
      this.streams.delete(stream);
      const n = (this.counts.get(slot) ?? 1) - 1;
      if (n > 0) this.counts.set(slot, n);
      else this.counts.delete(slot);
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
      throw Errors.unauthorized('The access token is invalid or expired.', 'invalid_token');
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
    this.watch(stream, request, principal);

    const last = parseLastEventId(request.headers['last-event-id']);
    const { seq } = position;
    if (last === undefined) {
      // Gives the client a cursor before its first event, so even an early reconnect replays exactly.
      stream.sendFrame(`retry: ${RETRY_MS}\nid: ${seq}\n\n`, seq);
      stream.goLive(seq);
      return;
    }
    stream.write(`retry: ${RETRY_MS}\n\n`);
    if (Number.isNaN(last) || last > seq || last < position.purgedThrough) {
      this.resync(stream, seq, seq);
      return;
    }
    await this.replay(stream, last, seq);
  }

  /** Ends every stream (server shutdown): clients reconnect, to another instance, and replay. */
  shutdown(): void {
    this.closing = true;
    for (const stream of this.streams) stream.close();
  }

  /** The client cannot catch up by replay: it reloads its snapshot and continues from `seq`. */
  private resync(stream: SseStream, seq: number, coveredThrough: number): void {
    stream.sendFrame(`id: ${seq}\nevent: ${RESYNC_EVENT}\ndata: {}\n\n`, seq);
    stream.goLive(coveredThrough);
  }

  private async replay(stream: SseStream, last: number, seq: number): Promise<void> {
    let after = last;
    try {
      for (;;) {
        const page = await listEventsAfter(
          this.ctx.db,
          stream.storeId,
          after,
          REPLAY_PAGE,
          stream.tableId ?? undefined,
        );
        if (stream.closed) return;
        for (const event of page) {
          stream.sendFrame(eventFrame(event), event.id);
          // Wait for the socket rather than queue a whole page: past the per-stream limit a stream is
          // dropped as a client that stopped reading, so a long replay could otherwise never finish.
          await stream.drained();
          if (stream.closed) return;
        }
        after = page.at(-1)?.id ?? after;
        if (page.length < REPLAY_PAGE) break;
      }
      // A purge that ran during the replay may have removed events before they were read.
      const now = await eventLogPosition(this.ctx.db, stream.storeId);
      if (stream.closed) return;
      if (now && now.purgedThrough > last) {
        this.resync(stream, now.seq, Math.max(now.seq, after));
        return;
      }
    } catch (err) {
      this.log.warn({ err, storeId: stream.storeId }, 'event replay failed; the client will reconnect');
      stream.close();
      return;
    }
    // Every event up to `seq` had committed before the replay read, and the replay read through `after`.
    stream.goLive(Math.max(seq, after));
  }

  /** Heartbeat plus token re-check every beat, and an end timer at the token's expiry. */
  private watch(stream: SseStream, request: FastifyRequest, principal: Principal): void {
    let checking = false;
    const beat = setInterval(() => {
      stream.write(': ping\n\n');
      if (checking || stream.closed) return;
      checking = true;
      void authenticate(this.ctx, request)
        .catch((err: unknown) => {
          // Only a refused token ends the stream; a database hiccup keeps it open.
          if (err instanceof AppError) stream.close();
          else this.log.warn({ err }, 'live stream token re-check failed');
        })
        .finally(() => {
          checking = false;
        });
    }, this.opts.heartbeatMs);
    beat.unref();
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
      clearInterval(beat);
      clearTimeout(expiry);
    });
  }
}
