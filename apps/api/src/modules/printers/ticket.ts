// Ticket content and its ESC/POS bytes. The encoder library gives the printer commands (initialise, size,
// emphasis, feed and cut); its code-page tables are single-byte only, so Korean text is encoded to CP949
// with iconv-lite and sent raw with the printer in its double-byte (Korean) mode, and we lay the text out
// ourselves: in CP949 a character's byte count is its width in columns (Hangul 2, ASCII 1).
import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import iconv from 'iconv-lite';

/** What a ticket says, stored with its job (JSON) and rendered for the printer's paper when sent. */
export interface Ticket {
  kind: 'order' | 'bill' | 'test';
  tableNumber: number | null;
  orderNumber: string | null;
  /** When the order was placed (epoch ms), shown in `timeZone`. */
  at: number;
  timeZone: string;
  lines: { name: string; quantity: number; options: string[]; amount?: number }[];
  note: string;
  total?: number;
  /** Printed on a test ticket. */
  printerName?: string;
}

/** Columns of a line at normal size: 58 mm rolls take 32, 80 mm 48. */
export const columnsOf = (paperWidth: number): number => (paperWidth === 58 ? 32 : 48);

/** ESC R 13: the Korean international character set (₩ for the backslash position). */
const ESC_R_KOREA = [0x1b, 0x52, 0x0d];
/** FS &: double-byte (Kanji) character mode: each byte pair ≥ 0xA1 prints as one KS X 1001 character. */
const FS_DOUBLE_BYTE_ON = [0x1c, 0x26];

/** Width of one character in columns: its CP949 byte count (an unmappable one prints as `?`, 1 column). */
function charWidth(ch: string): number {
  if (ch.charCodeAt(0) < 0x80) return 1;
  return iconv.encode(ch, 'cp949').length;
}

/** Display width of a text in columns. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/**
 * Breaks `text` into lines of at most `cols` columns: at spaces where it can, inside a word when a word
 * is longer than a line, never inside a character (a Hangul syllable is never split across lines).
 */
export function wrap(text: string, cols: number): string[] {
  const out: string[] = [];
  for (const paragraph of text.replace(/\r/g, '').split('\n')) {
    let line = '';
    let width = 0;
    for (const word of paragraph.split(/( +)/)) {
      if (word === '') continue;
      const w = textWidth(word);
      if (width + w <= cols) {
        line += word;
        width += w;
        continue;
      }
      if (word.trim() === '') {
        // Spaces at a break are dropped.
        out.push(line.trimEnd());
        line = '';
        width = 0;
        continue;
      }
      if (line.trim() !== '') out.push(line.trimEnd());
      line = '';
      width = 0;
      for (const ch of word) {
        const cw = charWidth(ch);
        if (width + cw > cols) {
          out.push(line);
          line = '';
          width = 0;
        }
        line += ch;
        width += cw;
      }
    }
    out.push(line.trimEnd());
  }
  return out;
}

const pad = (text: string, cols: number) => text + ' '.repeat(Math.max(0, cols - textWidth(text)));
const won = (n: number) => `${n.toLocaleString('en-US')}원`;

function localTime(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(ms));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/**
 * The ticket's bytes for a printer of `paperWidth` mm. `reprint` puts "재출력" at the top: the ticket may
 * have printed before (a manual reprint, or a try that may have reached the printer).
 */
export function renderTicket(t: Ticket, paperWidth: number, reprint: boolean): Uint8Array {
  const cols = columnsOf(paperWidth);
  const enc = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: cols, newline: '\n' });
  enc.initialize().raw(ESC_R_KOREA).raw(FS_DOUBLE_BYTE_ON);
  const text = (s: string) => enc.raw(iconv.encode(s, 'cp949')).newline();
  /** Centred text at `scale` times the normal size (wrapped to the columns left at that size). */
  const big = (s: string, scale: number) => {
    enc.size(scale, scale);
    for (const l of wrap(s, Math.floor(cols / scale))) {
      const indent = Math.floor((Math.floor(cols / scale) - textWidth(l)) / 2);
      text(' '.repeat(Math.max(0, indent)) + l);
    }
    enc.size(1, 1);
  };
  const rule = () => text('-'.repeat(cols));

  if (reprint) {
    enc.invert(true);
    big('재출력', 2);
    enc.invert(false);
  }
  if (t.kind === 'test') {
    big('테스트 출력', 2);
    for (const l of wrap(`프린터: ${t.printerName ?? ''}`, cols)) text(l);
    text(localTime(t.at, t.timeZone));
    text('한글 출력 확인: 가나다라마바사 아자차카타파하');
    rule();
    enc.newline(2).cut();
    return enc.encode();
  }
  if (t.kind === 'bill') big('계산서', 2);
  if (t.tableNumber !== null) {
    enc.bold(true);
    big(`${t.tableNumber}번 테이블`, paperWidth === 58 ? 2 : 3);
    enc.bold(false);
  }
  if (t.orderNumber) text(`주문번호 ${t.orderNumber}`);
  text(localTime(t.at, t.timeZone));
  rule();

  // A line: its name wrapped on the left, the quantity (and on a bill the amount) on the right.
  const right = (l: Ticket['lines'][number]) =>
    t.kind === 'bill' && l.amount !== undefined ? ` ${l.quantity} ${won(l.amount)}` : ` x${l.quantity}`;
  enc.size(1, 2);
  for (const l of t.lines) {
    const tail = right(l);
    const nameCols = cols - textWidth(tail);
    const rows = wrap(l.name, nameCols);
    rows.forEach((row, i) => text(i === 0 ? pad(row, nameCols) + tail : row));
    enc.size(1, 1);
    for (const o of l.options) for (const row of wrap(`  + ${o}`, cols)) text(row);
    enc.size(1, 2);
  }
  enc.size(1, 1);
  if (t.note.trim() !== '') {
    rule();
    enc.bold(true);
    for (const row of wrap(`요청: ${t.note}`, cols)) text(row);
    enc.bold(false);
  }
  if (t.kind === 'bill' && t.total !== undefined) {
    rule();
    enc.bold(true);
    const label = '합계';
    const amount = won(t.total);
    text(pad(label, cols - textWidth(amount)) + amount);
    enc.bold(false);
  }
  rule();
  enc.newline(2).cut();
  return enc.encode();
}
