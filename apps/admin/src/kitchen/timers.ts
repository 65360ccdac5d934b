import { useEffect, useState } from 'react';

export type TimerLevel = 'normal' | 'amber' | 'red';

/** A ticket's colour: amber from `amberMinutes`, red from `redMinutes` (both inclusive). */
export function timerLevel(elapsedMs: number, amberMinutes: number, redMinutes: number): TimerLevel {
  if (elapsedMs >= redMinutes * 60_000) return 'red';
  if (elapsedMs >= amberMinutes * 60_000) return 'amber';
  return 'normal';
}

/** `m:ss`, or `h:mm:ss` from an hour; a clock running slightly behind the server's shows 0:00. */
export function formatElapsed(elapsedMs: number): string {
  const total = Math.max(0, Math.floor(elapsedMs / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** The current time, re-read every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, everyMs);
    return () => {
      clearInterval(timer);
    };
  }, [everyMs]);
  return now;
}
