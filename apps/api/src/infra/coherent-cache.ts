import type { CacheCoherence } from './event-hub.js';

interface Entry<V> {
  value: V;
  generation: number;
  at: number;
}

export interface CoherentCacheOptions {
  /** Entries kept at most (the oldest is dropped first). */
  maxEntries: number;
  /**
   * Age after which an entry is read again even without an invalidation: the bound on staleness should
   * an invalidation be lost on its way to another instance (its publisher cut off from Redis).
   */
  maxAgeMs: number;
  /**
   * While the hub cannot keep caches exact (several instances may share the database and nothing tells
   * them of each other's writes: MySQL without Redis, or Redis down), entries are still trusted for this
   * long (the events poll interval: what other instances' streams already lag by) instead of never.
   * Unset: every read goes to the database then. This instance's own writes still drop keys at once.
   */
  uncoordinatedMaxAgeMs?: number;
  now: () => number;
}

/** The generation of entries loaded while the hub gave none (see uncoordinatedMaxAgeMs). */
const UNCOORDINATED = -1;

/**
 * A read-through cache of small database facts, kept exact by the hub's invalidations: a hit needs no
 * query, a write anywhere drops the key everywhere, and while the hub cannot promise that (Redis
 * down) every read goes to the database. Undefined (not found) is never cached.
 */
export class CoherentCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every invalidation: a load that overlapped one may have read the old state. */
  private epoch = 0;

  constructor(
    private readonly coherence: CacheCoherence,
    private readonly opts: CoherentCacheOptions,
  ) {
    coherence.onInvalidate((key) => {
      this.entries.delete(key);
      this.epoch++;
    });
  }

  /**
   * The cached value of `key` if it is still trustworthy (a hit costs no promise), else undefined.
   * `exact`: only an entry the hub keeps exact will do (never one trusted for uncoordinatedMaxAgeMs).
   */
  peek(key: string, exact = false): V | undefined {
    const generation = this.generation();
    if (generation === undefined || (exact && generation === UNCOORDINATED)) return undefined;
    const hit = this.entries.get(key);
    const maxAge = generation === UNCOORDINATED ? (this.opts.uncoordinatedMaxAgeMs ?? 0) : this.opts.maxAgeMs;
    return hit && hit.generation === generation && this.opts.now() - hit.at < maxAge ? hit.value : undefined;
  }

  /** The hub's generation; without one, UNCOORDINATED when a bounded staleness is allowed. */
  private generation(): number | undefined {
    const generation = this.coherence.cacheGeneration();
    if (generation !== undefined) return generation;
    return this.opts.uncoordinatedMaxAgeMs === undefined ? undefined : UNCOORDINATED;
  }

  /**
   * The cached value of `key` if it is still trustworthy, otherwise `load()`'s (kept when it can be).
   * `exact` as for `peek`: what is loaded is still kept for later reads that allow the bounded age.
   */
  async get(key: string, load: () => Promise<V | undefined>, exact = false): Promise<V | undefined> {
    const generation = this.generation();
    if (generation === undefined) return load();
    const hit = this.peek(key, exact);
    if (hit !== undefined) return hit;
    const now = this.opts.now();
    const epoch = this.epoch;
    const value = await load();
    if (value !== undefined && epoch === this.epoch && this.generation() === generation) {
      this.entries.delete(key); // re-inserted last: the map's order is the eviction order
      this.entries.set(key, { value, generation, at: now });
      if (this.entries.size > this.opts.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
    }
    return value;
  }
}

/**
 * One kind of cached fact: its keys come from one function and its values from one loader, so readers
 * and the writers that invalidate it cannot disagree on a key.
 */
export class KeyedCache<K, V> {
  constructor(
    private readonly cache: CoherentCache<V>,
    private readonly coherence: CacheCoherence,
    private readonly key: (id: K) => string,
    private readonly load: (id: K) => Promise<V | undefined>,
  ) {}

  /** The cached fact if memory alone can answer, else undefined (`exact`: see CoherentCache.peek). */
  peek(id: K, exact = false): V | undefined {
    return this.cache.peek(this.key(id), exact);
  }

  /** The fact, from memory when trustworthy, else from its loader (`exact`: see CoherentCache.peek). */
  get(id: K, exact = false): Promise<V | undefined> {
    return this.cache.get(this.key(id), () => this.load(id), exact);
  }

  /** Drops the fact on every instance: call after the write that changed it committed. */
  invalidate(id: K): void {
    this.coherence.invalidate(this.key(id));
  }
}
