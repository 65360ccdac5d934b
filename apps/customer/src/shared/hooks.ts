import { useCallback, useEffect, useEffectEvent, useSyncExternalStore } from 'react';

/** Whether a CSS media query matches, kept up to date. */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (notify: () => void) => {
      const mql = window.matchMedia(query);
      mql.addEventListener('change', notify);
      return () => {
        mql.removeEventListener('change', notify);
      };
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

function subscribeOnline(notify: () => void): () => void {
  window.addEventListener('online', notify);
  window.addEventListener('offline', notify);
  return () => {
    window.removeEventListener('online', notify);
    window.removeEventListener('offline', notify);
  };
}

/** navigator.onLine, kept up to date. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribeOnline, () => navigator.onLine);
}

/**
 * Keeps the screen on while the app is visible (Screen Wake Lock API, where the browser offers it; the
 * lock is released whenever the page is hidden, so it is requested again on return).
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!('wakeLock' in navigator)) return;
    let sentinel: WakeLockSentinel | undefined;
    let disposed = false;
    const request = () => {
      if (document.visibilityState !== 'visible' || (sentinel && !sentinel.released)) return;
      navigator.wakeLock
        .request('screen')
        .then((s) => {
          if (disposed) void s.release();
          else sentinel = s;
        })
        .catch(() => {
          // refused (battery saver, no user activation yet): the screen may dim, nothing else breaks
        });
    };
    request();
    document.addEventListener('visibilitychange', request);
    // Some browsers refuse until the first touch.
    window.addEventListener('pointerdown', request);
    return () => {
      disposed = true;
      document.removeEventListener('visibilitychange', request);
      window.removeEventListener('pointerdown', request);
      void sentinel?.release();
    };
  }, []);
}

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` once nobody has touched the screen for `seconds` (0: never). Any touch, key or scroll
 * starts the wait again.
 */
export function useIdleTimeout(seconds: number, onIdle: () => void): void {
  const idle = useEffectEvent(onIdle);
  useEffect(() => {
    if (seconds <= 0) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(idle, seconds * 1000);
    };
    restart();
    for (const type of ACTIVITY_EVENTS)
      window.addEventListener(type, restart, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY_EVENTS) window.removeEventListener(type, restart, { capture: true });
    };
  }, [seconds]);
}
