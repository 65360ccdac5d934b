import type { TableLoginResponse } from '@table-order/contracts';
import { isRecord, KEY_PREFIX, readJson, removeAppKeys, writeJson } from './storage';

/**
 * What the tablet keeps to log in again by itself: its store and table, and the device credential the
 * API answered at the last login (rotated on every re-login). The table password is never kept; only a
 * tablet set up by an earlier release still holds one (`password`) until its next login replaces it.
 */
export interface DeviceSettings {
  storeIdentifier: string;
  tableNumber: number;
  deviceCredential?: string;
  /** Legacy: kept by releases before device credentials; used once, then dropped. */
  password?: string;
}

/** The last table login: token plus the store and table it names. */
export type SessionInfo = Omit<TableLoginResponse, 'tokenType' | 'deviceCredential'>;

const DEVICE_KEY = `${KEY_PREFIX}device`;
const SESSION_KEY = `${KEY_PREFIX}session`;

/** Saved device settings, or null on a tablet not set up yet (or with unreadable settings). */
export function loadDevice(): DeviceSettings | null {
  const v = readJson(DEVICE_KEY);
  if (!isRecord(v)) return null;
  const { storeIdentifier, tableNumber, deviceCredential, password } = v;
  if (typeof storeIdentifier !== 'string' || storeIdentifier === '') return null;
  if (typeof tableNumber !== 'number' || !Number.isInteger(tableNumber)) return null;
  if (typeof deviceCredential === 'string' && deviceCredential !== '')
    return { storeIdentifier, tableNumber, deviceCredential };
  if (typeof password === 'string' && password !== '') return { storeIdentifier, tableNumber, password };
  return null;
}

/** Saves the device settings: with a device credential, any password is left out (and so deleted). */
export function saveDevice(device: DeviceSettings): void {
  const { storeIdentifier, tableNumber, deviceCredential, password } = device;
  writeJson(
    DEVICE_KEY,
    deviceCredential
      ? { storeIdentifier, tableNumber, deviceCredential }
      : { storeIdentifier, tableNumber, password },
  );
}

/** The saved login, or null when missing or malformed. */
export function loadSession(): SessionInfo | null {
  const v = readJson(SESSION_KEY);
  if (!isRecord(v)) return null;
  const { accessToken, expiresAt, store, table } = v;
  if (typeof accessToken !== 'string' || typeof expiresAt !== 'string') return null;
  if (!isRecord(store) || typeof store.name !== 'string' || typeof store.identifier !== 'string') return null;
  if (!isRecord(table) || typeof table.id !== 'number' || typeof table.number !== 'number') return null;
  const timeZone = typeof store.timeZone === 'string' ? store.timeZone : 'Asia/Seoul';
  return {
    accessToken,
    expiresAt,
    store: { identifier: store.identifier, name: store.name, timeZone },
    table: { id: table.id, number: table.number },
  };
}

/** Saves (or, with null, forgets) the login. */
export function saveSession(info: SessionInfo | null): void {
  writeJson(SESSION_KEY, info);
}

/** Forgets everything this app stored on the device (settings, login, carts, language). */
export function resetDevice(): void {
  removeAppKeys();
}
