import { describe, expect, it, vi } from 'vitest';
import { HeartbeatWheel } from './heartbeat-wheel.js';

describe('heartbeat wheel', () => {
  it('beats every stream once per period on one timer, until it leaves', () => {
    vi.useFakeTimers();
    try {
      const wheel = new HeartbeatWheel(1000, 10);
      const beats: number[][] = [[], [], []];
      const watch = (i: number) => ({ beat: () => beats[i]!.push(Date.now()) });
      const start = Date.now();
      const removeA = wheel.add(watch(0));
      vi.advanceTimersByTime(350);
      const removeB = wheel.add(watch(1));
      vi.advanceTimersByTime(350);
      const removeC = wheel.add(watch(2));
      vi.advanceTimersByTime(3000);
      for (const [i, joined] of [0, 350, 700].entries()) {
        const times = beats[i]!;
        expect(times.length).toBeGreaterThanOrEqual(2);
        const gaps = [times[0]! - (start + joined), ...times.slice(1).map((t, k) => t - times[k]!)];
        for (const gap of gaps) expect(gap).toBeLessThanOrEqual(1000);
      }
      const count = beats[0]!.length;
      removeA();
      vi.advanceTimersByTime(3000);
      expect(beats[0]).toHaveLength(count);
      expect(vi.getTimerCount()).toBe(1);
      removeB();
      removeC();
      expect(vi.getTimerCount()).toBe(0);

      // A period shorter than the slot count (EVENTS_HEARTBEAT_MS may be 20) still beats within it.
      const fast = new HeartbeatWheel(20);
      const times: number[] = [];
      const t0 = Date.now();
      const removeFast = fast.add({ beat: () => times.push(Date.now()) });
      vi.advanceTimersByTime(200);
      expect(times.length).toBeGreaterThanOrEqual(9);
      for (const [k, t] of times.entries()) expect(t - (times[k - 1] ?? t0)).toBeLessThanOrEqual(20);
      removeFast();
    } finally {
      vi.useRealTimers();
    }
  });
});
