// The outbox's cross-tab lock: two tabs of the tablet app (or a tab reopened while the old one is still
// closing) must never send the outbox at the same time, or the second order could overtake the first.
import { isRecord } from '../shared/storage';
import { randomId } from '../shared/uuid';
import { processLock, type OutboxLock } from './outbox';

type LeaseStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/**
 * A lease in localStorage, for browsers without the Web Locks API (it exists only in secure contexts, and
 * tablets on a restaurant LAN may load the app over plain HTTP). The holder writes `{owner, until}` and
 * renews it while it sends; a lease whose holder died (tab closed mid-drain) expires after `ttlMs`. The
 * write is read back before sending, so of two tabs writing at once only the last writer proceeds.
 */
export function leaseLock(
  storage: LeaseStorage,
  name: string,
  opts: { ttlMs?: number; now?: () => number; owner?: string } = {},
): OutboxLock {
  const ttl = opts.ttlMs ?? 15_000;
  const now = opts.now ?? Date.now;
  const owner = opts.owner ?? randomId();
  const local = processLock();
  const holder = (): { owner: string; until: number } | undefined => {
    try {
      const v: unknown = JSON.parse(storage.getItem(name) ?? 'null');
      return isRecord(v) && typeof v.owner === 'string' && typeof v.until === 'number'
        ? { owner: v.owner, until: v.until }
        : undefined;
    } catch {
      return undefined;
    }
  };
  const write = () => {
    try {
      storage.setItem(name, JSON.stringify({ owner, until: now() + ttl }));
    } catch {
      // storage full or disabled: the in-process lock still holds
    }
  };
  return (fn) =>
    local(async () => {
      const current = holder();
      if (current && current.owner !== owner && current.until > now()) return 'busy';
      write();
      if (holder()?.owner !== owner && holder() !== undefined) return 'busy';
      const renew = setInterval(write, Math.max(1000, ttl / 3));
      try {
        return await fn();
      } finally {
        clearInterval(renew);
        if (holder()?.owner === owner) storage.removeItem(name);
      }
    });
}

/** The Web Locks API where the browser has it (one holder across every tab), else a lease in storage. */
export function browserLock(name: string, storage: LeaseStorage | undefined): OutboxLock {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as Partial<Navigator>).locks;
  if (locks) {
    return (fn) =>
      locks.request(
        name,
        { ifAvailable: true },
        async (lock): Promise<Awaited<ReturnType<typeof fn>> | 'busy'> => (lock ? await fn() : 'busy'),
      ) as Promise<Awaited<ReturnType<typeof fn>> | 'busy'>;
  }
  return storage ? leaseLock(storage, `${name}:lease`) : processLock();
}
