import { zonedParts } from './time.js';

/**
 * Local calendar fields of many instants in one IANA zone, fast: the zone's offset is looked up once
 * per 15-minute UTC slot (every zone's offset changes only on such a boundary today) through Intl, and
 * the fields then come from plain arithmetic. A year's CSV formats millions of rows; Intl per row would
 * cost more than the rest of the export.
 */
export class ZoneClock {
  private readonly offsets = new Map<number, number>();

  constructor(readonly timeZone: string) {}

  /** The zone's offset from UTC (ms) at the instant. */
  offset(ms: number): number {
    const slot = Math.floor(ms / SLOT_MS);
    let off = this.offsets.get(slot);
    if (off === undefined) {
      const at = slot * SLOT_MS;
      const p = zonedParts(at, this.timeZone);
      off =
        Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0) - at;
      if (this.offsets.size >= 4096) this.offsets.clear(); // bounded: a long export walks forward in time
      this.offsets.set(slot, off);
    }
    return off;
  }

  /** The local date (`YYYY-MM-DD`), hour 0–23 and `HH:MM:SS` of an instant. */
  local(ms: number): { date: string; hour: number; time: string } {
    const d = new Date(ms + this.offset(ms));
    const iso = d.toISOString(); // the local wall clock, spelled as if it were UTC
    return { date: iso.slice(0, 10), hour: d.getUTCHours(), time: iso.slice(11, 19) };
  }
}

const SLOT_MS = 15 * 60_000;

const clocks = new Map<string, ZoneClock>();

/** One shared clock per zone (stores share a handful of zones). */
export function zoneClock(timeZone: string): ZoneClock {
  let c = clocks.get(timeZone);
  if (!c) {
    c = new ZoneClock(timeZone);
    clocks.set(timeZone, c);
  }
  return c;
}
