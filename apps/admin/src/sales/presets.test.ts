import { describe, expect, it } from 'vitest';
import { presetOf, presetRange, rangeProblem } from './presets';

describe('sales presets', () => {
  it('turn today (a Wednesday) into the days each chip names; weeks start on Monday', () => {
    const today = '2026-03-11';
    expect(presetRange('today', today)).toEqual({ from: '2026-03-11', to: '2026-03-11' });
    expect(presetRange('yesterday', today)).toEqual({ from: '2026-03-10', to: '2026-03-10' });
    expect(presetRange('thisWeek', today)).toEqual({ from: '2026-03-09', to: '2026-03-11' });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-11' });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('cross month and year ends: Sunday, the 1st, January', () => {
    expect(presetRange('thisWeek', '2026-03-15')).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(presetRange('thisWeek', '2026-03-09')).toEqual({ from: '2026-03-09', to: '2026-03-09' });
    expect(presetRange('yesterday', '2026-03-01')).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2026-01-15')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
  });

  it('recognise a preset from its range (the first match: on the 1st, today is also this month)', () => {
    expect(presetOf({ from: '2026-03-10', to: '2026-03-10' }, '2026-03-11')).toBe('yesterday');
    expect(presetOf({ from: '2026-03-01', to: '2026-03-01' }, '2026-03-01')).toBe('today');
    expect(presetOf({ from: '2026-03-02', to: '2026-03-05' }, '2026-03-11')).toBeNull();
  });

  it('refuse what the API would answer 422: reversed, over 366 days; and an empty date', () => {
    expect(rangeProblem({ from: '2026-03-10', to: '2026-03-09' })).toBe('reversed');
    expect(rangeProblem({ from: '2025-03-10', to: '2026-03-10' })).toBeNull(); // 366 days
    expect(rangeProblem({ from: '2025-03-09', to: '2026-03-10' })).toBe('tooLong'); // 367
    expect(rangeProblem({ from: '', to: '2026-03-10' })).toBe('missing');
  });
});
