// Percentile summaries and the monotonic clock.

/** p50, p99 and max of a sample. */
export function summary(values: readonly number[]): { n: number; p50: number; p99: number; max: number } {
  if (values.length === 0) return { n: 0, p50: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(50), p99: at(99), max: sorted[sorted.length - 1] ?? NaN };
}

/** Milliseconds since an arbitrary fixed point, from the monotonic clock (shared by all threads). */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
