/** Calendar helpers for a store's IANA time zone; the API itself speaks UTC. */

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** The calendar fields (year, month, day, hour, minute, second) of an instant in a zone. */
export function zonedParts(ms: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

/** The local calendar date of an instant in a zone, as `YYYY-MM-DD`. */
export function localDate(ms: number, timeZone: string): string {
  const p = zonedParts(ms, timeZone);
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The UTC instant (ms) at which the local date `YYYY-MM-DD` begins in the zone. */
export function startOfLocalDate(date: string, timeZone: string): number {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // Two passes settle the zone offset, including around DST changes.
  let ms = guess;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(ms, timeZone);
    const asUtc = Date.UTC(
      p.year ?? 0,
      (p.month ?? 1) - 1,
      p.day ?? 1,
      p.hour ?? 0,
      p.minute ?? 0,
      p.second ?? 0,
    );
    ms = guess - (asUtc - ms);
  }
  return ms;
}

/** Adds whole days to a `YYYY-MM-DD` date. */
export function addDays(date: string, days: number): string {
  const d = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** True when the string names a time zone this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Epoch ms → ISO-8601 UTC. */
export const iso = (ms: number): string => new Date(ms).toISOString();

/** The runtime's canonical spelling of a known time zone (`asia/seoul` → `Asia/Seoul`). */
export function canonicalTimeZone(tz: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
}
