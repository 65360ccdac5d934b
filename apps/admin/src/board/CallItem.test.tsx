import type { Call } from '@table-order/contracts';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CallList, callSummary } from './CallItem';
import { SoundToggle } from './SoundControl';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const call = (id: number, tableNumber: number, minutesAgo: number, extra: Partial<Call> = {}): Call => ({
  id,
  tableId: tableNumber,
  tableNumber,
  reasons: ['물', '앞접시'],
  message: null,
  status: 'open',
  createdAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(),
  acknowledgedAt: null,
  ...extra,
});

describe('staff calls on the board', () => {
  it('list every open call with its table, what it asks for and how long it waited', () => {
    render(
      <CallList
        calls={[call(1, 3, 4), call(2, 7, 0, { reasons: [], message: '계산서 주세요' })]}
        onAcknowledge={vi.fn(() => Promise.resolve())}
      />,
    );
    const list = screen.getByRole('region', { name: '직원 호출' });
    expect(list.textContent).toContain('대기 중인 호출 2건');
    const rows = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(rows[0]).toBe('테이블 3물 · 앞접시4분 전확인');
    expect(rows[1]).toBe('테이블 7“계산서 주세요”방금확인');
  });

  it('shows nothing when no call waits', () => {
    const { container } = render(<CallList calls={[]} onAcknowledge={vi.fn()} />);
    expect(container.innerHTML).toBe('');
  });

  it('acknowledges with one tap; the button waits for the answer and comes back if it failed', async () => {
    let fail: (err: Error) => void = () => undefined;
    const onAcknowledge = vi.fn(
      () =>
        new Promise((_resolve, reject) => {
          fail = reject;
        }),
    );
    const c = call(5, 2, 1);
    render(<CallList calls={[c]} onAcknowledge={onAcknowledge} />);
    const button = screen.getByRole('button', { name: '테이블 2 호출 확인: 물 · 앞접시' });
    fireEvent.click(button);
    fireEvent.click(button);
    expect(onAcknowledge).toHaveBeenCalledTimes(1);
    expect(onAcknowledge).toHaveBeenCalledWith(c);
    expect(button).toHaveProperty('disabled', true);
    await act(async () => {
      fail(new Error('offline'));
      await Promise.resolve();
    });
    expect(button).toHaveProperty('disabled', false);
  });

  it('the waiting time moves on while the call is shown', () => {
    vi.useFakeTimers();
    render(<CallList calls={[call(1, 3, 0)]} onAcknowledge={vi.fn()} />);
    expect(screen.getByText('방금')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(2 * 60_000);
    });
    expect(screen.getByText('2분 전')).toBeTruthy();
  });

  it('summarises reasons and message in one line', () => {
    expect(callSummary({ reasons: ['물'], message: '얼음도요' })).toBe('물 · “얼음도요”');
  });
});

describe('sound control', () => {
  it('rings while calls wait with the sound on, and reminds that it is off otherwise', () => {
    const { rerender } = render(<SoundToggle enabled ringing callsWaiting={1} onToggle={vi.fn()} />);
    const button = screen.getByRole('button', { name: /^새 주문·직원 호출 알림음/ });
    expect(button.textContent).toContain('호출 알림 중');
    expect(button.getAttribute('data-ringing')).toBe('true');
    rerender(<SoundToggle enabled={false} ringing={false} callsWaiting={2} onToggle={vi.fn()} />);
    expect(button.textContent).toContain('호출 2건 · 알림음 꺼짐');
    expect(button.getAttribute('data-ringing')).toBeNull();
    rerender(<SoundToggle enabled ringing={false} callsWaiting={0} onToggle={vi.fn()} />);
    expect(button.textContent).toContain('알림음 켜짐');
  });
});
