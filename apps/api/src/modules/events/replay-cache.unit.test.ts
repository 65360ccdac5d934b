import { describe, expect, it, vi } from 'vitest';
import { ReplayCache, replayChunks } from './replay-cache.js';

describe('replay pages', () => {
  it('joins replay frames into bounded writes that carry their last id', () => {
    const row = (id: number) => ({ id, type: 'x', payload: '{}' });
    const frame = (id: number) => `id: ${id}\nevent: x\ndata: {}\n\n`;
    const chunks = replayChunks([row(1), row(2), row(3)], frame(1).length * 2);
    expect(chunks.map((c) => [c.bytes.toString(), c.lastId])).toEqual([
      [frame(1) + frame(2), 2],
      [frame(3), 3],
    ]);
    expect(replayChunks([], 100)).toEqual([]);
  });

  it('shares a replay page only with streams it is complete for, and only briefly', async () => {
    let now = 0;
    const read = vi.fn((_s: number, _t: number | null, after: number) =>
      Promise.resolve({ chunks: [], purgedThrough: 0, full: after < 0 }),
    );
    const cache = new ReplayCache(read, () => now);
    const first = cache.get(1, null, 10, 20);
    expect(cache.get(1, null, 10, 20)).toBe(first); // in flight
    await first;
    expect(cache.get(1, null, 10, 15)).toBe(first); // read when everything up to 20 had committed
    expect(read).toHaveBeenCalledTimes(1);
    void cache.get(1, null, 10, 21); // newer events may exist: read again
    void cache.get(1, 7, 10, 20); // another table
    void cache.get(2, null, 10, 20); // another store
    void cache.get(1, null, 11, 20); // another cursor
    expect(read).toHaveBeenCalledTimes(5);
    now += 5000;
    void cache.get(1, null, 10, 21);
    expect(read).toHaveBeenCalledTimes(6);

    read.mockReturnValueOnce(Promise.reject(new Error('db down')));
    await expect(cache.get(3, null, 0, 1)).rejects.toThrow('db down');
    await cache.get(3, null, 0, 1);
    expect(read).toHaveBeenCalledTimes(8);
  });
});
