const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** `HH:mm` of an ISO timestamp in the store's time zone (falls back to the device's zone). */
export function formatTime(iso: string, timeZone: string | undefined): string {
  const key = timeZone ?? '';
  let f = timeFormats.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZone,
      });
    } catch {
      f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    timeFormats.set(key, f);
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : f.format(d);
}

/** The daily sequence part of an order number (`20250101-0012` → `0012`). */
export function orderSequence(orderNumber: string): string {
  const dash = orderNumber.lastIndexOf('-');
  return dash === -1 ? orderNumber : orderNumber.slice(dash + 1);
}
