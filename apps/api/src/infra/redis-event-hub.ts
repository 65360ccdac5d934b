import type { StoreEvent } from '@table-order/contracts';
import { Redis, type RedisOptions } from 'ioredis';
import { FanOutHub, type HubStatus } from './event-hub.js';

/** Reads committed events of a store after an id, oldest first (the fallback while Redis is away). */
export type FetchEventsAfter = (storeId: number, afterId: number, limit: number) => Promise<StoreEvent[]>;

export interface RedisEventHubOptions {
  url: string;
  channel: string;
  /** Poll interval while the subscription is down. */
  pollMs: number;
  fetchAfter: FetchEventsAfter;
  /** When an event `fetchAfter` returned was recorded (epoch ms), for the delivery-lag figures. */
  recordedAt?: (event: StoreEvent) => number | undefined;
}

const POLL_PAGE = 500;

/** One store's events (committed at `t`, epoch ms of the publisher), or (with `k`) cache keys to invalidate. */
interface WireMessage {
  s: number;
  e: StoreEvent[];
  t?: number;
  k?: string[];
}

function isWireMessage(v: unknown): v is WireMessage {
  if (typeof v !== 'object' || v === null) return false;
  const m = v as { s?: unknown; e?: unknown; k?: unknown; t?: unknown };
  return (
    typeof m.s === 'number' &&
    (m.t === undefined || typeof m.t === 'number') &&
    Array.isArray(m.e) &&
    (m.k === undefined || (Array.isArray(m.k) && m.k.every((x: unknown) => typeof x === 'string'))) &&
    m.e.every((x: unknown) => {
      const ev = x as { id?: unknown; type?: unknown } | null;
      return (
        typeof ev === 'object' && ev !== null && typeof ev.id === 'number' && typeof ev.type === 'string'
      );
    })
  );
}

/**
 * Multi-instance hub: events are delivered locally at once and published on one Redis channel for the
 * other instances. While the subscription is down (Redis stopped, network drop), it polls the events
 * table for every store with local listeners, from the last id seen, and returns to pub/sub when Redis
 * is back. Duplicates from the overlap are dropped by the per-store id dedupe.
 */
export class RedisEventHub extends FanOutHub {
  private readonly pub: Redis;
  private readonly sub: Redis;
  private subscribed = false;
  private closed = false;
  private pollTimer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private pollAll = false;
  private readonly pollSome = new Set<number>();
  private reportedDown = false;
  /** Bumped on every (re)subscription: invalidations published while we were away never arrive. */
  private generation = 0;
  private resubscriptions = 0;

  constructor(private readonly opts: RedisEventHubOptions) {
    super();
    const common: RedisOptions = {
      // Keep trying forever, at most a second apart, so pub/sub resumes soon after Redis recovers.
      retryStrategy: (times) => Math.min(times * 100, 1000),
      connectTimeout: 2000,
      maxRetriesPerRequest: 1,
      // Never queue while disconnected: missed publishes are covered by the other instances' polling.
      enableOfflineQueue: false,
    };
    this.pub = new Redis(opts.url, common);
    this.sub = new Redis(opts.url, { ...common, autoResubscribe: false });
    this.pub.on('error', (err: Error) => {
      this.reportDown(err);
    });
    this.sub.on('error', (err: Error) => {
      this.reportDown(err);
    });
    this.sub.on('ready', () => {
      this.sub.subscribe(opts.channel).then(
        () => {
          this.onSubscribed();
        },
        (err: unknown) => {
          this.reportDown(err);
        },
      );
    });
    this.sub.on('close', () => {
      this.onLost();
    });
    this.sub.on('message', (_channel: string, message: string) => {
      this.onMessage(message);
    });
    this.startPolling();
  }

  publish(storeId: number, events: StoreEvent[]): void {
    const now = Date.now();
    for (const event of events) {
      this.stamp(event, now);
      this.dispatch(storeId, event);
    }
    if (this.pub.status !== 'ready') return;
    const message: WireMessage = { s: storeId, e: events, t: now };
    this.pub.publish(this.opts.channel, JSON.stringify(message)).catch((err: unknown) => {
      this.reportDown(err);
    });
  }

  override reconnects(): number {
    return this.resubscriptions;
  }

  invalidate(key: string): void {
    this.invalidateLocally(key);
    if (this.pub.status !== 'ready') return;
    this.pub.publish(this.opts.channel, JSON.stringify({ s: 0, e: [], k: [key] })).catch((err: unknown) => {
      this.reportDown(err);
    });
  }

  cacheGeneration(): number | undefined {
    return this.status() === 'ok' ? this.generation : undefined;
  }

  status(): HubStatus {
    return this.subscribed && this.pub.status === 'ready' ? 'ok' : 'down';
  }

  override async close(): Promise<void> {
    this.closed = true;
    this.stopPolling();
    await this.polling;
    this.sub.disconnect();
    this.pub.disconnect();
    await super.close();
  }

  private onSubscribed(): void {
    if (this.closed) return;
    this.subscribed = true;
    if (this.generation > 0) this.resubscriptions++;
    this.generation++;
    this.stopPolling();
    if (this.reportedDown) this.log.info({}, 'redis pub/sub active again');
    this.reportedDown = false;
    // Events published while we were not subscribed never reach us through Redis: read them once.
    void this.requestPoll();
  }

  private onLost(): void {
    if (this.closed) return;
    this.subscribed = false;
    this.reportDown(undefined);
    this.startPolling();
  }

  private reportDown(err: unknown): void {
    if (this.closed || this.reportedDown) return;
    this.reportedDown = true;
    this.log.warn({ err }, 'redis unavailable: live events fall back to polling the database');
  }

  private onMessage(message: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      return;
    }
    if (!isWireMessage(parsed)) return;
    for (const key of parsed.k ?? []) this.invalidateLocally(key);
    const storeId = parsed.s;
    for (const event of parsed.e) {
      if (parsed.t !== undefined) this.stamp(event, parsed.t);
      this.dispatch(storeId, event);
      const cursor = this.cursorOf(storeId);
      if (cursor === undefined || event.id <= cursor) continue;
      // A gap: an event that never came through Redis (published while an instance was cut off, or
      // still on its way) or an id reserved without an event. The events table tells which.
      if (event.id === cursor + 1) this.advance(storeId, event.id);
      else void this.requestPoll(storeId);
    }
  }

  private startPolling(): void {
    if (this.pollTimer || this.closed) return;
    this.pollTimer = setInterval(() => {
      void this.requestPoll();
    }, this.opts.pollMs);
    this.pollTimer.unref();
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  /**
   * Reads the events table for one store (or all with local listeners) from its cursor. Reads never
   * overlap; a request made during a read is served by another read that starts after it.
   */
  private requestPoll(storeId?: number): Promise<void> {
    if (storeId === undefined) this.pollAll = true;
    else this.pollSome.add(storeId);
    if (this.polling) return this.polling;
    const run = async () => {
      while (!this.closed && (this.pollAll || this.pollSome.size > 0)) {
        const stores = this.pollAll ? [...this.channels.keys()] : [...this.pollSome];
        this.pollAll = false;
        this.pollSome.clear();
        for (const id of stores) await this.pollStore(id);
      }
    };
    this.polling = run().finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async pollStore(storeId: number): Promise<void> {
    try {
      for (;;) {
        const cursor = this.cursorOf(storeId);
        if (cursor === undefined || this.closed) return;
        const events = await this.opts.fetchAfter(storeId, cursor, POLL_PAGE);
        for (const event of events) {
          const at = this.opts.recordedAt?.(event);
          if (at !== undefined) this.stamp(event, at);
          this.dispatch(storeId, event);
          this.advance(storeId, event.id);
        }
        if (events.length < POLL_PAGE) return;
      }
    } catch (err) {
      this.log.warn({ err, storeId }, 'reading events from the database failed');
    }
  }
}
