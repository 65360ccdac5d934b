import { describe, expect, it } from 'vitest';
import { ZoneClock } from './zone-clock.js';

/** The local fields as Intl gives them, one formatToParts per instant (what ZoneClock avoids). */
const formats = new Map<string, Intl.DateTimeFormat>();
function intlLocal(ms: number, timeZone: string) {
  const p: Record<string, string> = {};
  const fmt =
    formats.get(timeZone) ??
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  formats.set(timeZone, fmt);
  for (const part of fmt.formatToParts(new Date(ms))) p[part.type] = part.value;
  return {
    date: `${p.year}-${p.month}-${p.day}`,
    hour: Number(p.hour),
    time: `${p.hour}:${p.minute}:${p.second}`,
  };
}

describe('ZoneClock', () => {
  it('agrees with Intl around the Seoul midnight that is not UTC midnight', () => {
    const c = new ZoneClock('Asia/Seoul');
    expect(c.local(Date.parse('2026-03-09T14:59:59Z'))).toEqual({
      date: '2026-03-09',
      hour: 23,
      time: '23:59:59',
    });
    expect(c.local(Date.parse('2026-03-09T15:00:00Z'))).toEqual({
      date: '2026-03-10',
      hour: 0,
      time: '00:00:00',
    });
  });

  it('agrees with Intl across DST changes and in half- and quarter-hour zones, every few minutes', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Australia/Lord_Howe',
    ];
    // Spans that hold a DST change in each hemisphere (2026).
    const spans = [
      Date.parse('2026-03-08T00:00:00Z'),
      Date.parse('2026-03-29T00:00:00Z'),
      Date.parse('2026-04-04T12:00:00Z'),
      Date.parse('2026-10-03T12:00:00Z'),
      Date.parse('2026-11-01T00:00:00Z'),
    ];
    for (const tz of zones) {
      const c = new ZoneClock(tz);
      for (const start of spans)
        for (let ms = start; ms < start + 12 * 3_600_000; ms += 240_000 + 7_001)
          expect(c.local(ms), `${tz} ${new Date(ms).toISOString()}`).toEqual(intlLocal(ms, tz));
    }
  });
});
