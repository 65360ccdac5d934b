import { describe, expect, it } from 'vitest';
import { parseTableFilter } from './table-filter';

describe('table filter', () => {
  it('matches numbers, lists and ranges', () => {
    const f = parseTableFilter('3, 10-12 40~38');
    expect([1, 3, 9, 10, 11, 12, 13, 38, 39, 40].filter(f)).toEqual([3, 10, 11, 12, 38, 39, 40]);
    expect([1, 2].filter(parseTableFilter('  '))).toEqual([1, 2]);
    expect([1, 2].filter(parseTableFilter('abc'))).toEqual([]);
  });
});
