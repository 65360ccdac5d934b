import type { OutgoingHttpHeaders } from 'node:http';
import { RESYNC_EVENT } from '@table-order/contracts';
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { AppError, Errors } from '../../shared/errors.js';
import { authenticate, type Principal } from '../auth/index.js';
import {
  eventLogPosition,
  listEventRowsAfter,
  type EventLogPage,
  type EventLogRow,
} from './events.repository.js';
import { HEARTBEAT_FRAME, eventRowFrame, sseFrame } from './sse-frame.js';
import { SseStream } from './sse-stream.js';

/** Concurrent streams allowed per table (per instance). */
export const MAX_TABLE_STREAMS = 5;
/** Concurrent admin streams allowed per store (per instance). */
export const MAX_ADMIN_STREAMS = 50;
/** Reconnect delay suggested to clients (`retry:`), in ms. */
export const RETRY_MS = 3000;

const REPLAY_PAGE = 500;
// A replay write holds at most this many characters (≤ 3 bytes each in UTF-8): well under half the
// per-stream pending bound, so a write made once the socket drained to half cannot overflow it.
const REPLAY_CHUNK_CHARS = 32 * 1024;
// Replay pages kept for streams that reconnect together (a burst of dashboards after a network blip).
const REPLAY_CACHE_MS = 2000;
const REPLAY_CACHE_ENTRIES = 64;
const MAX_TIMER_MS = 2 ** 31 - 1;
// Heartbeat slots per period: beats are spread by when streams opened, one shared timer visits a slot.
const HEARTBEAT_SLOTS = 60;

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
  private readonly pages: ReplayCache;
  private readonly heartbeats: HeartbeatWheel;
  private closing = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
    private readonly opts: StreamManagerOptions,
  ) {
    this.heartbeats = new HeartbeatWheel(opts.heartbeatMs);
    this.pages = new ReplayCache((storeId, tableId, after) => replayPage(ctx, storeId, tableId, after));
  }

  /** Serves one stream request; errors before the stream starts go through the normal error handler. */
  async open(request: FastifyRequest, reply: FastifyReply, principal: Principal): Promise<void> {
    if (this.closing) throw Errors.serviceUnavailable('The server is restarting. Reconnect shortly.', 1);
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
    this.watch(stream, request, principal);

    const last = parseLastEventId(request.headers['last-event-id']);
    const { seq } = position;
    if (last === undefined) {
      // Gives the client a cursor before its first event, so even an early reconnect replays exactly.
      stream.sendFrame(sseFrame({ retryMs: RETRY_MS, id: seq }), seq);
      stream.goLive(seq);
      return;
    }
    stream.write(sseFrame({ retryMs: RETRY_MS }));
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
    stream.sendFrame(sseFrame({ id: seq, event: RESYNC_EVENT, data: '{}' }), seq);
    stream.goLive(coveredThrough);
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

/** A replay page: its frames in writes of at most REPLAY_CHUNK_CHARS, each with the last id it carries. */
interface ReplayPage extends Omit<EventLogPage, 'rows'> {
  chunks: ReplayChunk[];
}

export interface ReplayChunk {
  bytes: Buffer;
  lastId: number;
}

async function replayPage(
  ctx: AppContext,
  storeId: number,
  tableId: number | null,
  after: number,
): Promise<ReplayPage> {
  const page = await listEventRowsAfter(ctx.db, storeId, after, REPLAY_PAGE, tableId ?? undefined);
  return {
    chunks: replayChunks(page.rows, REPLAY_CHUNK_CHARS),
    purgedThrough: page.purgedThrough,
    full: page.full,
  };
}

/**
 * The rows' frames joined into writes of at most `maxChars` (a larger frame is a write of its own),
 * encoded once: every stream replaying the same page writes the same buffers.
 */
export function replayChunks(rows: EventLogRow[], maxChars: number): ReplayChunk[] {
  const chunks: ReplayChunk[] = [];
  let text = '';
  let lastId = 0;
  for (const row of rows) {
    const frame = eventRowFrame(row);
    if (text !== '' && text.length + frame.length > maxChars) {
      chunks.push({ bytes: Buffer.from(text), lastId });
      text = '';
    }
    text += frame;
    lastId = row.id;
  }
  if (text !== '') chunks.push({ bytes: Buffer.from(text), lastId });
  return chunks;
}

interface CachedPage {
  /** The store's `seq` known before the read started: the page is complete for every id up to it. */
  through: number;
  expires: number;
  page: Promise<ReplayPage>;
}

/**
 * Replay pages shared by streams that replay the same store (or table) from the same cursor, in flight or
 * read moments ago. A page read once every id up to `through` had committed holds exactly what a fresh
 * read would for a stream whose own `seq` is at most `through`: those ids never change, and anything newer
 * committed after that stream subscribed, so its live buffer has it. A purge is seen either by the stream's
 * own position read (cursor before the marker) or by the marker in a page read after the purge.
 */
export class ReplayCache {
  private readonly entries = new Map<string, CachedPage>();

  constructor(
    private readonly read: (storeId: number, tableId: number | null, after: number) => Promise<ReplayPage>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The page after `after` for a stream whose position read returned `seq`. */
  get(storeId: number, tableId: number | null, after: number, seq: number): Promise<ReplayPage> {
    const key = `${storeId}:${tableId ?? '*'}:${after}`;
    const now = this.now();
    const hit = this.entries.get(key);
    if (hit && hit.through >= seq && hit.expires > now) return hit.page;
    const entry: CachedPage = {
      through: seq,
      expires: now + REPLAY_CACHE_MS,
      page: this.read(storeId, tableId, after),
    };
    this.entries.delete(key);
    this.entries.set(key, entry);
    // Oldest first: expired entries and, past the bound, the least recently read go.
    for (const [k, e] of this.entries) {
      if (e.expires > now && this.entries.size <= REPLAY_CACHE_ENTRIES) break;
      this.entries.delete(k);
    }
    entry.page.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return entry.page;
  }
}

/** What the heartbeat wheel beats (a StreamWatch). */
export interface Beating {
  beat(): void;
}

/** One stream's heartbeat: a ping, and a token re-check unless the previous one is still running. */
export class StreamWatch implements Beating {
  private checking = false;

  constructor(
    private readonly stream: SseStream,
    private readonly check: () => Promise<unknown>,
    private readonly log: FastifyBaseLogger,
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

/**
 * Beats every stream at most `periodMs` apart on one timer instead of one interval per stream: streams
 * sit in HEARTBEAT_SLOTS slots by when they joined, and each tick visits one slot. The timer runs only
 * while there are streams.
 */
export class HeartbeatWheel {
  private readonly slots: Set<Beating>[];
  private readonly tickMs: number;
  private next = 0;
  private size = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(periodMs: number, slots = HEARTBEAT_SLOTS) {
    // At least 1 ms per slot, and rounded down: a full turn never exceeds the period.
    const count = Math.max(1, Math.min(slots, Math.floor(periodMs)));
    this.slots = Array.from({ length: count }, () => new Set<Beating>());
    this.tickMs = Math.max(1, Math.floor(periodMs / count));
  }

  /** Adds a stream; returns the function that removes it. */
  add(watch: Beating): () => void {
    // The slot visited last comes round again after a full turn.
    const slot = this.slots[(this.next + this.slots.length - 1) % this.slots.length];
    if (!slot) throw new Error('heartbeat slot out of range');
    slot.add(watch);
    if (this.size++ === 0) {
      this.timer = setInterval(() => {
        this.tick();
      }, this.tickMs);
      this.timer.unref();
    }
    return () => {
      if (!slot.delete(watch)) return;
      if (--this.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
  }

  private tick(): void {
    const slot = this.slots[this.next];
    if (slot) for (const watch of slot) watch.beat();
    this.next = (this.next + 1) % this.slots.length;
  }
}
