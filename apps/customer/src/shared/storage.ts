// localStorage that never throws: private modes, quota limits and disabled storage read as "nothing saved".

/** The browser's localStorage, or undefined where it cannot be used. */
function getStorage(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/** Parsed JSON stored under `key`, or undefined when missing, unreadable or not JSON. */
export function readJson(key: string, storage = getStorage()): unknown {
  try {
    const raw = storage?.getItem(key);
    return raw == null ? undefined : (JSON.parse(raw) as unknown);
  } catch {
    return undefined;
  }
}

/** Stores `value` as JSON; false when the storage refused it. */
export function writeJson(key: string, value: unknown, storage = getStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/** Removes `key`, ignoring storage errors. */
export function removeKey(key: string, storage = getStorage()): void {
  try {
    storage?.removeItem(key);
  } catch {
    // nothing to remove from an unusable storage
  }
}

/** Keys this app owns, so a device reset can remove exactly them. */
export const KEY_PREFIX = 'table-order:';

/** Removes every key of this app. */
export function removeAppKeys(storage = getStorage()): void {
  try {
    if (!storage) return;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(KEY_PREFIX)) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // an unusable storage holds nothing of ours
  }
}

/** A plain object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
