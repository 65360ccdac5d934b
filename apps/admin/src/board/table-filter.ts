/**
 * Parses a table filter such as `3`, `1, 4, 7` or `10-20` into a predicate on table numbers.
 * Empty text matches every table; text that is not numbers or ranges matches none.
 */
export function parseTableFilter(text: string): (n: number) => boolean {
  const trimmed = text.trim();
  if (!trimmed) return () => true;
  const ranges: [number, number][] = [];
  for (const part of trimmed.split(/[,\s]+/).filter(Boolean)) {
    const m = /^(\d{1,3})(?:\s*[-~]\s*(\d{1,3}))?$/.exec(part);
    if (!m?.[1]) return () => false;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    ranges.push([Math.min(a, b), Math.max(a, b)]);
  }
  return (n) => ranges.some(([a, b]) => n >= a && n <= b);
}
