import { describe, expect, it } from 'vitest';
import { CoherentCache } from './coherent-cache.js';
import type { CacheCoherence } from './event-hub.js';

/** A hub stand-in whose trust generation the test sets. */
class FakeCoherence implements CacheCoherence {
  generation: number | undefined = 0;
  private readonly handlers: ((key: string) => void)[] = [];
  invalidate(key: string): void {
    for (const fn of this.handlers) fn(key);
  }
  onInvalidate(fn: (key: string) => void): void {
    this.handlers.push(fn);
  }
  cacheGeneration(): number | undefined {
    return this.generation;
  }
}

function setup(opts: { maxEntries?: number; maxAgeMs?: number; uncoordinatedMaxAgeMs?: number } = {}) {
  const hub = new FakeCoherence();
  let now = 1000;
  const cache = new CoherentCache<number>(hub, {
    maxEntries: opts.maxEntries ?? 100,
    maxAgeMs: opts.maxAgeMs ?? 5000,
    ...(opts.uncoordinatedMaxAgeMs === undefined
      ? {}
      : { uncoordinatedMaxAgeMs: opts.uncoordinatedMaxAgeMs }),
    now: () => now,
  });
  const db = new Map<string, number>([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  let reads = 0;
  const read = (key: string) => () => {
    reads++;
    return Promise.resolve(db.get(key));
  };
  return {
    hub,
    cache,
    db,
    read,
    reads: () => reads,
    advance: (ms: number) => (now += ms),
  };
}

describe('CoherentCache', () => {
  it('answers repeated reads from memory until the key is invalidated', async () => {
    const t = setup();
    expect(await t.cache.get('a', t.read('a'))).toBe(1);
    expect(await t.cache.get('a', t.read('a'))).toBe(1);
    expect(t.reads()).toBe(1);
    t.db.set('a', 10);
    t.hub.invalidate('a');
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(t.reads()).toBe(2);
  });

  it('reads the database every time while the hub cannot keep caches exact', async () => {
    const t = setup();
    await t.cache.get('a', t.read('a'));
    t.hub.generation = undefined;
    t.db.set('a', 10);
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(t.reads()).toBe(3);
  });

  it('with a bounded staleness, trusts entries that long while the hub cannot keep caches exact', async () => {
    const t = setup({ uncoordinatedMaxAgeMs: 1000 });
    await t.cache.get('a', t.read('a')); // read while coordinated: not reused once uncoordinated
    t.hub.generation = undefined;
    expect(await t.cache.get('a', t.read('a'))).toBe(1);
    expect(t.reads()).toBe(2);
    t.db.set('a', 10);
    t.advance(999);
    expect(t.cache.peek('a')).toBe(1);
    expect(await t.cache.get('a', t.read('a'))).toBe(1);
    t.advance(1);
    expect(t.cache.peek('a')).toBeUndefined();
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    // This instance's own write drops the key at once.
    t.db.set('a', 20);
    t.hub.invalidate('a');
    expect(await t.cache.get('a', t.read('a'))).toBe(20);
    expect(t.reads()).toBe(4);
  });

  it('an exact read skips entries trusted only for the bounded staleness, and its load serves later reads', async () => {
    const t = setup({ uncoordinatedMaxAgeMs: 1000 });
    t.hub.generation = undefined;
    await t.cache.get('a', t.read('a'));
    t.db.set('a', 10);
    expect(t.cache.peek('a', true)).toBeUndefined();
    expect(await t.cache.get('a', t.read('a'), true)).toBe(10);
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(t.reads()).toBe(2);
    // While the hub keeps caches exact, an exact read is answered from memory like any other.
    t.hub.generation = 0;
    await t.cache.get('b', t.read('b'));
    expect(await t.cache.get('b', t.read('b'), true)).toBe(2);
    expect(t.reads()).toBe(3);
  });

  it('re-reads entries of an older generation (invalidations may have been missed)', async () => {
    const t = setup();
    await t.cache.get('a', t.read('a'));
    t.db.set('a', 10);
    t.hub.generation = 1;
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
    expect(t.reads()).toBe(2);
  });

  it('does not keep a value read while an invalidation arrived', async () => {
    const t = setup();
    const stale = t.cache.get('a', () => {
      // The write commits and its invalidation arrives while this read is in flight.
      t.hub.invalidate('a');
      return Promise.resolve(1);
    });
    expect(await stale).toBe(1);
    t.db.set('a', 10);
    expect(await t.cache.get('a', t.read('a'))).toBe(10);
  });

  it('bounds staleness by age and size, and never caches "not found"', async () => {
    const t = setup({ maxEntries: 2, maxAgeMs: 5000 });
    await t.cache.get('a', t.read('a'));
    t.advance(5000);
    await t.cache.get('a', t.read('a'));
    expect(t.reads()).toBe(2);

    await t.cache.get('b', t.read('b'));
    await t.cache.get('c', t.read('c')); // evicts a, the oldest
    await t.cache.get('a', t.read('a'));
    expect(t.reads()).toBe(5);

    expect(await t.cache.get('missing', t.read('missing'))).toBeUndefined();
    expect(await t.cache.get('missing', t.read('missing'))).toBeUndefined();
    expect(t.reads()).toBe(7);
  });
});
