import { describe, expect, it } from 'vitest';
import { ticketText } from '../../../../../tests/support/fake-printer.js';
import { backoffMs } from './print-worker.js';
import { columnsOf, renderTicket, textWidth, wrap, type Ticket } from './ticket.js';

const ticket: Ticket = {
  kind: 'order',
  tableNumber: 12,
  orderNumber: '20260310-0042',
  at: Date.parse('2026-03-10T11:05:00Z'),
  timeZone: 'Asia/Seoul',
  lines: [
    {
      name: '차돌박이 된장찌개 (특대) 공기밥 두 개 추가 부탁',
      quantity: 12,
      options: ['맵기: 아주 맵게', '토핑: 치즈'],
    },
    { name: 'Coca-Cola Zero 500ml', quantity: 1, options: [] },
  ],
  note: '아이가 먹을 거라 덜 맵게 해 주세요. 포크 두 개도요!',
};

describe('ticket layout', () => {
  it('counts a Hangul syllable as two columns and ASCII as one', () => {
    expect(textWidth('김치찌개 x2')).toBe(11);
    expect(columnsOf(58)).toBe(32);
    expect(columnsOf(80)).toBe(48);
  });

  it('wraps at spaces, inside a word only when it must, and never splits a character', () => {
    const text = '가나다라마바사아자차카타파하가나다라마바사아자차카타파하 끝';
    for (const cols of [7, 10, 31, 32]) {
      const rows = wrap(text, cols);
      for (const r of rows) expect(textWidth(r)).toBeLessThanOrEqual(cols);
      expect(rows.join('').replaceAll(' ', '')).toBe(text.replaceAll(' ', ''));
    }
    expect(wrap('김치 찌개 맛집', 9)).toEqual(['김치 찌개', '맛집']);
  });

  it('prints every line within the paper width and decodes back to the same Korean', () => {
    for (const width of [58, 80]) {
      const lines = ticketText(renderTicket(ticket, width, false));
      const cols = columnsOf(width);
      // The big table number is printed at 2–3 times the size: it takes as many more columns.
      for (const l of lines.filter((x) => !x.includes('테이블')))
        expect(textWidth(l)).toBeLessThanOrEqual(cols);
      const all = lines.map((l) => l.trim()).join('');
      expect(all.replaceAll(' ', '')).toContain('12번테이블');
      // The quantity stands at the end of the name's first row; the rest of the name follows.
      expect(all.replaceAll(' ', '').replace('x12', '')).toContain(
        '차돌박이된장찌개(특대)공기밥두개추가부탁',
      );
      expect(all).toContain('+ 맵기: 아주 맵게');
      expect(all.replaceAll(' ', '')).toContain('요청:아이가먹을거라덜맵게해주세요.포크두개도요!');
      expect(lines).toContain('2026-03-10 20:05');
      expect(lines.some((l) => /^차돌박이 .* x12$/.test(l) && textWidth(l) === cols)).toBe(true);
    }
  });

  it('marks a reprint 재출력', () => {
    expect(ticketText(renderTicket(ticket, 80, true)).join('\n')).toContain('재출력');
    expect(ticketText(renderTicket(ticket, 80, false)).join('\n')).not.toContain('재출력');
  });

  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 50].map((n) => backoffMs(n, 30_000))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000,
    ]);
  });
});
