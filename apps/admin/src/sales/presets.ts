import { SALES_REPORT_MAX_DAYS } from '@table-order/contracts/constants';

/** A range of store days, inclusive, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

export const PRESETS = ['today', 'yesterday', 'thisWeek', 'thisMonth', 'lastMonth'] as const;
export type Preset = (typeof PRESETS)[number];

const DAY = 86_400_000;
const parse = (d: string) => Date.parse(`${d}T00:00:00Z`);
const fmt = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return fmt(parse(date) + days * DAY);
}

/**
 * A preset's days, given today in the store's zone: the week starts on Monday (as Korean calendars and
 * POS reports do); this week and this month end today.
 */
export function presetRange(preset: Preset, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const y = addDays(today, -1);
      return { from: y, to: y };
    }
    case 'thisWeek': {
      const weekday = (new Date(parse(today)).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
      return { from: addDays(today, -weekday), to: today };
    }
    case 'thisMonth':
      return { from: `${today.slice(0, 8)}01`, to: today };
    case 'lastMonth': {
      const firstOfThis = `${today.slice(0, 8)}01`;
      const lastOfPrev = addDays(firstOfThis, -1);
      return { from: `${lastOfPrev.slice(0, 8)}01`, to: lastOfPrev };
    }
  }
}

/** The preset a range is, if any (so the chip shows as chosen after a custom range equal to it). */
export function presetOf(range: DayRange, today: string): Preset | null {
  return (
    PRESETS.find((p) => {
      const r = presetRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

/** Why a custom range cannot be asked for (the API's own 422 rules), or null when it can. */
export function rangeProblem(range: DayRange): 'missing' | 'reversed' | 'tooLong' | null {
  if (!range.from || !range.to) return 'missing';
  if (range.from > range.to) return 'reversed';
  if ((parse(range.to) - parse(range.from)) / DAY + 1 > SALES_REPORT_MAX_DAYS) return 'tooLong';
  return null;
}
