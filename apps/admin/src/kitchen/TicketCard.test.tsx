import type { Order } from '@table-order/contracts';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../shared/i18n';
import { lineKey, loadStruck, saveStruck } from './struck-lines';
import { TicketCard } from './TicketCard';
import { formatElapsed, timerLevel, useNow } from './timers';

const placedAt = Date.UTC(2026, 11, 3, 3, 0, 0);
const order: Order = {
  id: 7,
  orderNumber: '20261203-0007',
  tableId: 4,
  tableNumber: 12,
  sessionId: 3,
  status: 'pending',
  note: '덜 맵게 해 주세요',
  totalAmount: 14_500,
  createdAt: new Date(placedAt).toISOString(),
  updatedAt: new Date(placedAt).toISOString(),
  items: [
    {
      menuItemId: 5,
      name: '떡볶이',
      unitPrice: 6500,
      quantity: 2,
      subtotal: 13_000,
      options: [{ groupName: '맵기 선택', name: '아주 매운맛', priceDelta: 500 }],
    },
    { menuItemId: 9, name: '공기밥', unitPrice: 1000, quantity: 1, subtotal: 1000, options: [] },
  ],
};

/** A ticket on the screen's own clock, as the kitchen page shows it. */
function Clocked({ amber, red, onAdvance }: { amber: number; red: number; onAdvance: (o: Order) => void }) {
  const now = useNow();
  const [struck, setStruck] = useState(() => loadStruck('demo'));
  return (
    <TicketCard
      order={order}
      now={now}
      amberMinutes={amber}
      redMinutes={red}
      struck={struck}
      onAdvance={onAdvance}
      onToggleLine={(id, line) => {
        const next = new Set(struck);
        if (!next.delete(lineKey(id, line))) next.add(lineKey(id, line));
        saveStruck('demo', next);
        setStruck(next);
      }}
    />
  );
}

const ticket = () => screen.getByRole('article', { name: '12번 테이블 주문 0007' });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(placedAt + 5_000);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
});

describe('a kitchen ticket', () => {
  it('shows table, number, lines with options and the note', () => {
    render(
      <I18nProvider>
        <Clocked amber={10} red={20} onAdvance={() => undefined} />
      </I18nProvider>,
    );
    const text = ticket().textContent ?? '';
    expect(text).toContain('12번');
    expect(text).toContain('#0007');
    expect(text).toContain('대기중');
    expect(text).toContain('0:05');
    expect(screen.getByRole('button', { name: /2×\s*떡볶이\s*아주 매운맛/ })).toBeTruthy();
    expect(text).toContain('덜 맵게 해 주세요');
  });

  it('counts up every second and turns amber, then red, at the store’s thresholds', () => {
    render(
      <I18nProvider>
        <Clocked amber={10} red={20} onAdvance={() => undefined} />
      </I18nProvider>,
    );
    expect(ticket().dataset.level).toBe('normal');
    act(() => {
      vi.advanceTimersByTime(9 * 60_000 + 54_000); // 9:59
    });
    expect(ticket().textContent).toContain('9:59');
    expect(ticket().dataset.level).toBe('normal');
    act(() => {
      vi.advanceTimersByTime(1000); // 10:00
    });
    expect(ticket().dataset.level).toBe('amber');
    act(() => {
      vi.advanceTimersByTime(10 * 60_000); // 20:00
    });
    expect(ticket().dataset.level).toBe('red');
    expect(ticket().textContent).toContain('20:00');
    act(() => {
      vi.advanceTimersByTime(45 * 60_000);
    });
    expect(ticket().textContent).toContain('1:05:00');
  });

  it('uses other thresholds when the store sets them', () => {
    render(
      <I18nProvider>
        <Clocked amber={1} red={3} onAdvance={() => undefined} />
      </I18nProvider>,
    );
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(ticket().dataset.level).toBe('amber');
    act(() => {
      vi.advanceTimersByTime(2 * 60_000);
    });
    expect(ticket().dataset.level).toBe('red');
  });

  it('strikes a line on tap, kept on the device; the header moves the order on', () => {
    const onAdvance = vi.fn();
    const view = render(
      <I18nProvider>
        <Clocked amber={10} red={20} onAdvance={onAdvance} />
      </I18nProvider>,
    );
    const rice = screen.getByRole('button', { name: /공기밥/ });
    fireEvent.click(rice);
    expect(rice.getAttribute('aria-pressed')).toBe('true');
    expect(localStorage.getItem('table-order.kitchen.struck.demo')).toBe('["7:1"]');
    view.unmount();
    render(
      <I18nProvider>
        <Clocked amber={10} red={20} onAdvance={onAdvance} />
      </I18nProvider>,
    );
    expect(screen.getByRole('button', { name: /공기밥/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('button', { name: /떡볶이/ }).getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(screen.getByRole('button', { name: /12번 테이블 주문 0007 · 대기중 · 눌러서 준비중/ }));
    expect(onAdvance).toHaveBeenCalledWith(order);
  });
});

describe('timer helpers', () => {
  it('levels and formats', () => {
    expect(timerLevel(0, 10, 20)).toBe('normal');
    expect(timerLevel(10 * 60_000 - 1, 10, 20)).toBe('normal');
    expect(timerLevel(10 * 60_000, 10, 20)).toBe('amber');
    expect(timerLevel(20 * 60_000, 10, 20)).toBe('red');
    expect(formatElapsed(-3000)).toBe('0:00');
    expect(formatElapsed(61_000)).toBe('1:01');
    expect(formatElapsed(3_600_000 + 61_000)).toBe('1:01:01');
  });
});
