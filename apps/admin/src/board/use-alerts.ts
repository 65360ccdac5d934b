import { useCallback, useEffect, useRef, useState } from 'react';
import { AlertSound, type AlertKind } from './alert-sound';

const SOUND_KEY = 'table-order.admin.sound';
/** While any order waits in `pending`, the order chime repeats at this interval. */
export const REPEAT_MS = 30_000;
/** While any staff call waits, the call sound repeats at this interval (until every call is acknowledged). */
export const CALL_REPEAT_MS = 10_000;

function storedEnabled(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) === 'on';
  } catch {
    return false;
  }
}

/** What the alerts listen to: counts from the live board. */
export interface AlertInputs {
  /** Orders still `pending`. */
  pendingOrders: number;
  /** Live new orders so far (grows by one per order.created). */
  newOrderCount: number;
  /** Staff calls not yet acknowledged. */
  openCalls: number;
  /** Live new calls so far (grows by one per call.created). */
  newCallCount: number;
}

/**
 * The dashboard's alert sounds, one switch for both (off by default): a chime on each new order,
 * repeated every 30 s while any order is pending; a different sound on each staff call, repeated every
 * 10 s until every call is acknowledged. `blocked` is true when the browser refuses to play until the
 * user clicks; `ringing` while calls wait and the sound is on.
 */
export function useAlerts({ pendingOrders, newOrderCount, openCalls, newCallCount }: AlertInputs) {
  const [enabled, setEnabled] = useState(storedEnabled);
  const [blocked, setBlocked] = useState(false);
  const sound = useRef<AlertSound | null>(null);
  const lastOrders = useRef(newOrderCount);
  const lastCalls = useRef(newCallCount);

  const play = useCallback((kind: AlertKind) => {
    if (!sound.current) return;
    setBlocked(!sound.current.play(kind));
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
    const grew = newOrderCount > lastOrders.current;
    lastOrders.current = newOrderCount;
    if (enabled && grew) play('order');
  }, [newOrderCount, enabled, play]);

  useEffect(() => {
    if (!enabled || pendingOrders === 0) return;
    const timer = setInterval(() => {
      play('order');
    }, REPEAT_MS);
    return () => {
      clearInterval(timer);
    };
  }, [enabled, pendingOrders, play]);

  useEffect(() => {
    const grew = newCallCount > lastCalls.current;
    lastCalls.current = newCallCount;
    if (enabled && grew) play('call');
  }, [newCallCount, enabled, play]);

  useEffect(() => {
    if (!enabled || openCalls === 0) return;
    const timer = setInterval(() => {
      play('call');
    }, CALL_REPEAT_MS);
    return () => {
      clearInterval(timer);
    };
  }, [enabled, openCalls, play]);

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
    if (ok) s.play(openCalls > 0 ? 'call' : 'order');
  }, [enabled, openCalls]);

  /** Retry after the browser blocked audio (from a click). */
  const unblock = useCallback(async () => {
    const s = (sound.current ??= new AlertSound());
    const ok = await s.unlock();
    setBlocked(!ok);
    if (ok) s.play(openCalls > 0 ? 'call' : 'order');
  }, [openCalls]);

  return { enabled, blocked: enabled && blocked, ringing: enabled && openCalls > 0, toggle, unblock };
}
