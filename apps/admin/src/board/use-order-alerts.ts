import { useCallback, useEffect, useRef, useState } from 'react';
import { AlertSound } from './alert-sound';

const SOUND_KEY = 'table-order.admin.sound';
/** While any order waits in `pending`, the chime repeats at this interval. */
export const REPEAT_MS = 30_000;

function storedEnabled(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * The optional new-order sound (off by default): a chime on each new order, repeated every 30 s while
 * any order is pending. `blocked` is true when the browser refuses to play until the user clicks.
 */
export function useOrderAlerts(pending: number, newOrderCount: number) {
  const [enabled, setEnabled] = useState(storedEnabled);
  const [blocked, setBlocked] = useState(false);
  const sound = useRef<AlertSound | null>(null);
  const lastCount = useRef(newOrderCount);

  const play = useCallback(() => {
    if (!sound.current) return;
    setBlocked(!sound.current.play());
  }, []);

  // A stored "on" after a reload: the browser usually wants a click first.
  useEffect(() => {
    if (!enabled) return;
    const s = (sound.current ??= new AlertSound());
    void s.unlock().then((ok) => {
      setBlocked(!ok);
    });
  }, [enabled]);

  useEffect(
    () => () => {
      sound.current?.close();
      sound.current = null;
    },
    [],
  );

  useEffect(() => {
    const grew = newOrderCount > lastCount.current;
    lastCount.current = newOrderCount;
    if (enabled && grew) play();
  }, [newOrderCount, enabled, play]);

  useEffect(() => {
    if (!enabled || pending === 0) return;
    const timer = setInterval(play, REPEAT_MS);
    return () => {
      clearInterval(timer);
    };
  }, [enabled, pending, play]);

  /** Toggle from a click (a user gesture, so the audio context may start). */
  const toggle = useCallback(async () => {
    const next = !enabled;
    try {
      localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    } catch {
      // the choice lasts for this page only
    }
    setEnabled(next);
    if (!next) {
      setBlocked(false);
      return;
    }
    const s = (sound.current ??= new AlertSound());
    const ok = await s.unlock();
    setBlocked(!ok);
    if (ok) s.play();
  }, [enabled]);

  /** Retry after the browser blocked audio (from a click). */
  const unblock = useCallback(async () => {
    const s = (sound.current ??= new AlertSound());
    const ok = await s.unlock();
    setBlocked(!ok);
    if (ok) s.play();
  }, []);

  return { enabled, blocked: enabled && blocked, toggle, unblock };
}
