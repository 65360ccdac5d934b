import type { Db } from '../../infra/db.js';
import { listEventRowsAfter, type EventLogPage, type EventLogRow } from './events.repository.js';
import { eventRowFrame } from './sse-frame.js';

/** Events read per replay page. */
const REPLAY_PAGE = 500;
// A replay write holds at most this many characters (≤ 3 bytes each in UTF-8): well under half the
// per-stream pending bound, so a write made once the socket drained to half cannot overflow it.
const REPLAY_CHUNK_CHARS = 32 * 1024;
// Replay pages kept for streams that reconnect together (a burst of dashboards after a network blip).
const REPLAY_CACHE_MS = 2000;
const REPLAY_CACHE_ENTRIES = 64;

/** A replay page: its frames in writes of at most REPLAY_CHUNK_CHARS, each with the last id it carries. */
export interface ReplayPage extends Omit<EventLogPage, 'rows'> {
  chunks: ReplayChunk[];
}

export interface ReplayChunk {
  bytes: Buffer;
  lastId: number;
}

export type ReplayPageReader = (
  storeId: number,
  tableId: number | null,
  after: number,
) => Promise<ReplayPage>;

/** Reads replay pages from the events table: a store's events (or a table's) after a cursor. */
export function replayPagesFrom(db: Db): ReplayPageReader {
  return async (storeId, tableId, after) => {
    const page = await listEventRowsAfter(db, storeId, after, REPLAY_PAGE, tableId ?? undefined);
    return {
      chunks: replayChunks(page.rows, REPLAY_CHUNK_CHARS),
      purgedThrough: page.purgedThrough,
      full: page.full,
    };
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
    private readonly read: ReplayPageReader,
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
