import type { LiveStreamStatus } from '@table-order/contracts/sse';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n';
import { ConnectionBanner } from './ConnectionBanner';

const DOWN = '연결이 끊겼습니다. 다시 연결하는 중…';

function renderBanner(stream: LiveStreamStatus) {
  const view = render(
    <I18nProvider>
      <ConnectionBanner stream={stream} />
    </I18nProvider>,
  );
  return (next: LiveStreamStatus) => {
    view.rerender(
      <I18nProvider>
        <ConnectionBanner stream={next} />
      </I18nProvider>,
    );
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionBanner', () => {
  it('tells the guest at once when an attempt failed, and leaves by itself when live again', () => {
    const set = renderBanner('live');
    expect(screen.queryByText(DOWN)).toBeNull();
    set('reconnecting');
    expect(screen.getByText(DOWN)).toBeTruthy();
    set('offline');
    expect(screen.getByText(DOWN)).toBeTruthy();
    set('live');
    expect(screen.queryByText(DOWN)).toBeNull();
  });

  it('makes room for itself while it shows (the page moves down instead of being covered)', () => {
    const set = renderBanner('live');
    expect(document.documentElement.dataset.connectionBanner).toBeUndefined();
    set('reconnecting');
    expect(document.documentElement.dataset.connectionBanner).toBe('on');
    set('live');
    expect(document.documentElement.dataset.connectionBanner).toBeUndefined();
  });

  it('gives a reconnect after a working stream 3 s before showing anything', () => {
    vi.useFakeTimers();
    const set = renderBanner('live');
    set('connecting');
    act(() => {
      vi.advanceTimersByTime(2500);
    });
    expect(screen.queryByText(DOWN)).toBeNull();
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(screen.getByText(DOWN)).toBeTruthy();
  });
});
