import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIdleTimeout } from './hooks';

afterEach(() => {
  vi.useRealTimers();
});

describe('useIdleTimeout', () => {
  it('fires once nobody touched the screen for the given seconds; a touch starts the wait again', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => {
      useIdleTimeout(30, onIdle);
    });
    vi.advanceTimersByTime(20_000);
    window.dispatchEvent(new Event('pointerdown'));
    vi.advanceTimersByTime(29_000);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onIdle).toHaveBeenCalledOnce();
  });

  it('never fires when the store turned it off (0)', () => {
    vi.useFakeTimers();
    const onIdle = vi.fn();
    renderHook(() => {
      useIdleTimeout(0, onIdle);
    });
    vi.advanceTimersByTime(3_600_000);
    expect(onIdle).not.toHaveBeenCalled();
  });
});
