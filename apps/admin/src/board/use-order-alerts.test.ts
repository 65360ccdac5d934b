import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPEAT_MS, useOrderAlerts } from './use-order-alerts';

/** A stand-in for WebAudio that counts chimes (each chime starts two oscillators). */
class FakeAudioContext {
  static chimes = 0;
  static startState: 'running' | 'suspended' = 'running';
  state: 'running' | 'suspended' = FakeAudioContext.startState;
  currentTime = 0;
  destination = {};
  resume() {
    this.state = 'running';
    return Promise.resolve();
  }
  close() {
    return Promise.resolve();
  }
  createOscillator() {
    FakeAudioContext.chimes += 0.5;
    return {
      type: '',
      frequency: { value: 0 },
      connect: (n: unknown) => n,
      start: () => undefined,
      stop: () => undefined,
    };
  }
  createGain() {
    return {
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: (n: unknown) => n,
    };
  }
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal('AudioContext', FakeAudioContext);
  FakeAudioContext.chimes = 0;
  FakeAudioContext.startState = 'running';
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('new-order sound', () => {
  it('is off by default and silent', async () => {
    const { result, rerender } = renderHook(({ pending, count }) => useOrderAlerts(pending, count), {
      initialProps: { pending: 1, count: 0 },
    });
    expect(result.current.enabled).toBe(false);
    rerender({ pending: 2, count: 1 });
    await act(() => vi.advanceTimersByTimeAsync(REPEAT_MS * 2));
    expect(FakeAudioContext.chimes).toBe(0);
  });

  it('once on, chimes for each new order and every 30 s while an order is pending', async () => {
    const { result, rerender } = renderHook(({ pending, count }) => useOrderAlerts(pending, count), {
      initialProps: { pending: 0, count: 0 },
    });
    await act(() => result.current.toggle());
    expect(result.current.enabled).toBe(true);
    expect(localStorage.getItem('table-order.admin.sound')).toBe('on');
    expect(FakeAudioContext.chimes).toBe(1); // the toggle plays a sample

    rerender({ pending: 1, count: 1 });
    expect(FakeAudioContext.chimes).toBe(2);
    await act(() => vi.advanceTimersByTimeAsync(REPEAT_MS));
    expect(FakeAudioContext.chimes).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(REPEAT_MS));
    expect(FakeAudioContext.chimes).toBe(4);

    rerender({ pending: 0, count: 1 });
    await act(() => vi.advanceTimersByTimeAsync(REPEAT_MS * 3));
    expect(FakeAudioContext.chimes).toBe(4);
  });

  it('says so when the browser blocks audio after a reload, until the user allows it', async () => {
    localStorage.setItem('table-order.admin.sound', 'on');
    FakeAudioContext.startState = 'suspended';
    const resume = vi
      .spyOn(FakeAudioContext.prototype, 'resume')
      .mockImplementation(() => new Promise(() => undefined));
    const { result } = renderHook(() => useOrderAlerts(1, 0));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(result.current.enabled).toBe(true);
    expect(result.current.blocked).toBe(true);

    resume.mockRestore();
    await act(() => result.current.unblock());
    expect(result.current.blocked).toBe(false);
    expect(FakeAudioContext.chimes).toBe(1);
  });
});
