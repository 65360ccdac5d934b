import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CALL_REPEAT_MS, REPEAT_MS, useAlerts, type AlertInputs } from './use-alerts';

/** A stand-in for WebAudio that counts chimes (an order chime starts two sine oscillators) and calls. */
class FakeAudioContext {
  static chimes = 0;
  static callTones = 0;
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
    const osc = {
      type: '',
      frequency: { value: 0 },
      connect: (n: unknown) => n,
      start: () => {
        if (osc.type === 'sine') FakeAudioContext.chimes += 0.5;
        else FakeAudioContext.callTones++;
      },
      stop: () => undefined,
    };
    return osc;
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
  FakeAudioContext.callTones = 0;
  FakeAudioContext.startState = 'running';
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const quiet = { openCalls: 0, newCallCount: 0 };
/** Renders the hook with order counts only (no calls). */
const orders = (pending: number, count: number): AlertInputs => ({
  pendingOrders: pending,
  newOrderCount: count,
  ...quiet,
});

describe('new-order sound', () => {
  it('is off by default and silent', async () => {
    const { result, rerender } = renderHook(({ pending, count }) => useAlerts(orders(pending, count)), {
      initialProps: { pending: 1, count: 0 },
    });
    expect(result.current.enabled).toBe(false);
    rerender({ pending: 2, count: 1 });
    await act(() => vi.advanceTimersByTimeAsync(REPEAT_MS * 2));
    expect(FakeAudioContext.chimes).toBe(0);
  });

  it('once on, chimes for each new order and every 30 s while an order is pending', async () => {
    const { result, rerender } = renderHook(({ pending, count }) => useAlerts(orders(pending, count)), {
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
    const { result } = renderHook(() => useAlerts(orders(1, 0)));
    await act(() => vi.advanceTimersByTimeAsync(500));
    expect(result.current.enabled).toBe(true);
    expect(result.current.blocked).toBe(true);

    resume.mockRestore();
    await act(() => result.current.unblock());
    expect(result.current.blocked).toBe(false);
    expect(FakeAudioContext.chimes).toBe(1);
  });
});

describe('staff call sound', () => {
  const calls = (open: number, count: number): AlertInputs => ({
    pendingOrders: 0,
    newOrderCount: 0,
    openCalls: open,
    newCallCount: count,
  });

  it('is its own sound on each new call, repeated every 10 s until every call is acknowledged', async () => {
    const { result, rerender } = renderHook((p: AlertInputs) => useAlerts(p), { initialProps: calls(0, 0) });
    await act(() => result.current.toggle());
    const sample = FakeAudioContext.chimes;
    expect(result.current.ringing).toBe(false);

    rerender(calls(1, 1));
    expect(FakeAudioContext.callTones).toBe(4);
    expect(FakeAudioContext.chimes).toBe(sample); // not the order chime
    expect(result.current.ringing).toBe(true);
    await act(() => vi.advanceTimersByTimeAsync(CALL_REPEAT_MS));
    expect(FakeAudioContext.callTones).toBe(8);
    rerender(calls(2, 2));
    expect(FakeAudioContext.callTones).toBe(12);

    rerender(calls(0, 2));
    expect(result.current.ringing).toBe(false);
    await act(() => vi.advanceTimersByTimeAsync(CALL_REPEAT_MS * 3));
    expect(FakeAudioContext.callTones).toBe(12);
  });

  it('stays silent while the sound is off', async () => {
    const { result, rerender } = renderHook((p: AlertInputs) => useAlerts(p), { initialProps: calls(0, 0) });
    rerender(calls(1, 1));
    await act(() => vi.advanceTimersByTimeAsync(CALL_REPEAT_MS * 3));
    expect(FakeAudioContext.callTones).toBe(0);
    expect(result.current.ringing).toBe(false);
  });
});
