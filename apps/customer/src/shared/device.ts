import type { TableLoginResponse } from '@table-order/contracts';
import { isRecord, KEY_PREFIX, readJson, removeAppKeys, writeJson } from './storage';

/** What staff enter once on the tablet; kept so the tablet can log in again by itself. */
export interface DeviceSettings {
  storeIdentifier: string;
  tableNumber: number;
  password: string;
}

/** The last table login: token plus the store and table it names. */
export type SessionInfo = Omit<TableLoginResponse, 'tokenType'>;

const DEVICE_KEY = `${KEY_PREFIX}device`;
const SESSION_KEY = `${KEY_PREFIX}session`;

/** Saved device settings, or null on a tablet not set up yet (or with unreadable settings). */
export function loadDevice(): DeviceSettings | null {
  const v = readJson(DEVICE_KEY);
  if (!isRecord(v)) return null;
  const { storeIdentifier, tableNumber, password } = v;
  if (typeof storeIdentifier !== 'string' || storeIdentifier === '') return null;
  if (typeof tableNumber !== 'number' || !Number.isInteger(tableNumber)) return null;
  if (typeof password !== 'string' || password === '') return null;
  return { storeIdentifier, tableNumber, password };
}

/** Saves the device settings. */
export function saveDevice(device: DeviceSettings): void {
  writeJson(DEVICE_KEY, device);
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
