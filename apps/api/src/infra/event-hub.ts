import type { StoreEvent } from '@table-order/contracts';

export type EventListener = (event: StoreEvent) => void;

/** `ok`/`down` with Redis configured, `disabled` for the in-process hub (reported by /health). */
export type HubStatus = 'ok' | 'down' | 'disabled';

/** The slice of the Fastify (pino) logger the hubs use. */
export interface HubLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * Keeps per-instance caches of database state (table token versions, menu versions) in step across
 * instances: a write drops the key on every instance, and caches are bypassed while that cannot be
 * promised (see cacheGeneration).
 */
export interface CacheCoherence {
  /** Drops `key` from the caches of this instance at once and of every other instance (through Redis). */
  invalidate(key: string): void;
  /** Registers a cache's handler for invalidated keys. */
  onInvalidate(fn: (key: string) => void): void;
  /**
   * Undefined while caches must not be trusted (Redis down, or several instances could share the
   * database with nothing to tell them of each other's writes); otherwise a number that changes
   * whenever invalidations may have been missed, so entries of an older generation are read again.
   */
  cacheGeneration(): number | undefined;
}

/**
 * Delivers committed events to live listeners. Services hand events over after commit;
 * the hub alone owns fan-out (and, when configured, Redis). Each event id reaches a listener at most once.
 */
export interface EventHub extends CacheCoherence {
  /** Hands one store's committed events to its listeners on this and (with Redis) every other instance. */
  publish(storeId: number, events: StoreEvent[]): void;
  /** Listens to one store's events; returns the function that stops listening. */
  subscribe(storeId: number, listener: EventListener): () => void;
  /**
   * Tells the hub the newest event id a new listener already accounts for, so a database fallback
   * (Redis down) knows where to start reading for that store.
   */
  seed(storeId: number, eventId: number): void;
  status(): HubStatus;
  /**
   * When an event this instance delivers was committed, in epoch ms (for the delivery-lag figures):
   * stamped at publish, carried over Redis with the publishing instance's clock, and for events read
   * back from the events table their recorded time; undefined when unknown.
   */
  committedAt(event: StoreEvent): number | undefined;
  /** Times the Redis subscription came back after it was lost (0 without Redis). */
  reconnects(): number;
  useLogger(log: HubLogger): void;
  close(): Promise<void>;
}

// Ids remembered per store to drop the same event arriving twice (local publish, Redis echo, polling).
const DEDUPE_WINDOW = 4096;

interface StoreChannel {
  listeners: Set<EventListener>;
  recent: Set<number>;
  /** Ids at or below this were forgotten by the dedupe window and are dropped. */
  floor: number;
  /** Fallback read position: every event up to here has passed through the shared path (undefined until seeded). */
  cursor: number | undefined;
}

const noLog: HubLogger = { info: () => undefined, warn: () => undefined };

/** Per-store listener sets with at-most-once delivery per event id; the base of both hubs. */
export abstract class FanOutHub implements EventHub {
  protected readonly channels = new Map<number, StoreChannel>();
  protected log: HubLogger = noLog;
  private readonly invalidationHandlers: ((key: string) => void)[] = [];
  // Kept beside the events, not on them: the Redis wire message and the frames stay as they are.
  private readonly commitTimes = new WeakMap<StoreEvent, number>();

  abstract publish(storeId: number, events: StoreEvent[]): void;
  abstract status(): HubStatus;
  abstract invalidate(key: string): void;
  abstract cacheGeneration(): number | undefined;

  committedAt(event: StoreEvent): number | undefined {
    return this.commitTimes.get(event);
  }

  reconnects(): number {
    return 0;
  }

  /** Records when `event` was committed (epoch ms). */
  protected stamp(event: StoreEvent, at: number): void {
    this.commitTimes.set(event, at);
  }

  onInvalidate(fn: (key: string) => void): void {
    this.invalidationHandlers.push(fn);
  }

  /** Runs this instance's invalidation handlers for `key`. */
  protected invalidateLocally(key: string): void {
    for (const fn of this.invalidationHandlers) fn(key);
  }

  subscribe(storeId: number, listener: EventListener): () => void {
    let ch = this.channels.get(storeId);
    if (!ch) {
      ch = { listeners: new Set(), recent: new Set(), floor: 0, cursor: undefined };
      this.channels.set(storeId, ch);
    }
    const channel = ch;
    channel.listeners.add(listener);
    return () => {
      channel.listeners.delete(listener);
      // Nobody here listens to this store any more: forget it (no polling, no dedupe state).
      if (channel.listeners.size === 0 && this.channels.get(storeId) === channel)
        this.channels.delete(storeId);
    };
  }

  seed(storeId: number, eventId: number): void {
    const ch = this.channels.get(storeId);
    if (ch && ch.cursor === undefined) ch.cursor = eventId;
  }

  useLogger(log: HubLogger): void {
    this.log = log;
  }

  close(): Promise<void> {
    this.channels.clear();
    return Promise.resolve();
  }

  /** Delivers an event to the store's local listeners unless this instance already delivered that id. */
  protected dispatch(storeId: number, event: StoreEvent): void {
    const ch = this.channels.get(storeId);
    if (!ch || event.id <= ch.floor || ch.recent.has(event.id)) return;
    ch.recent.add(event.id);
    if (ch.recent.size > DEDUPE_WINDOW) {
      const oldest = ch.recent.values().next().value;
      if (oldest !== undefined) {
        ch.recent.delete(oldest);
        ch.floor = Math.max(ch.floor, oldest);
      }
    }
    for (const listener of ch.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.log.warn({ err, storeId, eventId: event.id }, 'event listener failed');
      }
    }
  }

  /** A store's fallback cursor (undefined without listeners or before a listener seeded it). */
  protected cursorOf(storeId: number): number | undefined {
    return this.channels.get(storeId)?.cursor;
  }

  /** Moves a store's fallback cursor forward (only once a listener has seeded it). */
  protected advance(storeId: number, eventId: number): void {
    const ch = this.channels.get(storeId);
    if (ch?.cursor !== undefined && eventId > ch.cursor) ch.cursor = eventId;
  }
}

/** Single-instance hub: synchronous in-process fan-out. */
export class LocalEventHub extends FanOutHub {
  /**
   * @param soleWriter whether this process is the only one writing the database (SQLite), so local
   *   invalidation keeps caches exact; with a shared database and no Redis, caches are bypassed.
   */
  constructor(private readonly soleWriter = true) {
    super();
  }

  publish(storeId: number, events: StoreEvent[]): void {
    const now = Date.now();
    for (const event of events) {
      this.stamp(event, now);
      this.dispatch(storeId, event);
    }
  }

  invalidate(key: string): void {
    this.invalidateLocally(key);
  }

  cacheGeneration(): number | undefined {
    return this.soleWriter ? 0 : undefined;
  }

  status(): HubStatus {
    return 'disabled';
  }
}
