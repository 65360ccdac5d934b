import { useEffect, useState } from 'react';
import { useTableCalls } from './get-calls';

/** How long "직원이 확인했어요" stays once the last open call was acknowledged. */
export const ACKNOWLEDGED_SHOWN_MS = 10_000;

export type CallStatus = 'idle' | 'open' | 'acknowledged';

/**
 * Where the table's staff call stands for the guest: `open` while any call waits, then `acknowledged`
 * for a while once staff answered the last one, then `idle` again.
 */
export function useCallStatus(): CallStatus {
  const calls = useTableCalls().data?.calls ?? [];
  const open = calls.some((c) => c.status === 'open');
  let lastAck: string | null = null;
  for (const c of calls) {
    if (c.status === 'acknowledged' && c.acknowledgedAt && (!lastAck || c.acknowledgedAt > lastAck))
      lastAck = c.acknowledgedAt;
  }
  const [dismissed, setDismissed] = useState<string | null>(null);
  const status: CallStatus = open
    ? 'open'
    : lastAck !== null && lastAck !== dismissed
      ? 'acknowledged'
      : 'idle';

  useEffect(() => {
    if (status !== 'acknowledged') return;
    const timer = setTimeout(() => {
      setDismissed(lastAck);
    }, ACKNOWLEDGED_SHOWN_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [status, lastAck]);
  return status;
}
