import type { Lang } from './i18n';

/** Money is integer KRW: `12,000원` in Korean, `₩12,000` in English. */
export function formatMoney(amount: number, lang: Lang): string {
  const n = amount.toLocaleString('en-US');
  return lang === 'ko' ? `${n}원` : `₩${n}`;
}

/** A price change: `+1,500원` / `−500원` (`+₩1,500` in English). */
export function formatPriceDelta(amount: number, lang: Lang): string {
  return `${amount < 0 ? '−' : '+'}${formatMoney(Math.abs(amount), lang)}`;
}

/** An order line's chosen options' names: "아주 매운맛, 치즈" ('' for none, or a line without them). */
export function optionNames(line: { options?: { name: string }[] | undefined }): string {
  return (line.options ?? []).map((o) => o.name).join(', ');
}

/** An order line in one run of text: "떡볶이(아주 매운맛, 치즈) ×2"; its options' names in brackets. */
export function lineLabel(line: {
  name: string;
  quantity: number;
  options?: { name: string }[] | undefined;
}): string {
  const names = optionNames(line);
  const options = names ? `(${names})` : '';
  return `${line.name}${options} ×${line.quantity}`;
}

function parts(iso: string, timeZone: string): Record<string, string> {
  const out: Record<string, string> = {};
  const fmt = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  for (const p of fmt.formatToParts(new Date(iso))) out[p.type] = p.value;
  return out;
}

/** `HH:mm` in the store's time zone. */
export function formatTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.hour ?? ''}:${p.minute ?? ''}`;
}

/** `YYYY-MM-DD HH:mm` in the store's time zone. */
export function formatDateTime(iso: string, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''} ${p.hour ?? ''}:${p.minute ?? ''}`;
}

/** Today's date `YYYY-MM-DD` in the store's time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  const p = parts(now.toISOString(), timeZone);
  return `${p.year ?? ''}-${p.month ?? ''}-${p.day ?? ''}`;
}

/** Calendar arithmetic on `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** `20250101-0012` → `0012`: the part staff call out. */
export function shortOrderNumber(orderNumber: string): string {
  return orderNumber.split('-').at(-1) ?? orderNumber;
}

/** Korean subject particle by the name's last sound: `kim` → `kim이`, `lee` → `lee가`, `김알바` → `김알바가`. */
export function withSubjectParticle(name: string): string {
  const last = name.at(-1) ?? '';
  const code = last.charCodeAt(0);
  let closed: boolean;
  if (code >= 0xac00 && code <= 0xd7a3)
    closed = (code - 0xac00) % 28 !== 0; // a Hangul syllable's final consonant
  else if (/[0-9]/.test(last))
    closed = '013678'.includes(last); // 영 일 삼 육 칠 팔 end closed
  else closed = /[lmn]/i.test(last); // letters read with a final consonant in Korean: l, m, n
  return `${name}${closed ? '이' : '가'}`;
}
