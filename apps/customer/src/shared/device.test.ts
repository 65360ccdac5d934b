import { describe, expect, it } from 'vitest';
import { loadDevice, saveDevice } from './device';

const KEY = 'table-order:device';
const stored = () => JSON.parse(localStorage.getItem(KEY) ?? 'null') as unknown;

describe('device settings storage', () => {
  it('keeps the store, the table and the device credential, never a password', () => {
    saveDevice({
      storeIdentifier: 'demo',
      tableNumber: 3,
      deviceCredential: 'c'.repeat(43),
      password: '1234',
    });
    expect(stored()).toEqual({ storeIdentifier: 'demo', tableNumber: 3, deviceCredential: 'c'.repeat(43) });
    expect(localStorage.getItem(KEY)).not.toContain('1234');
    expect(loadDevice()).toEqual({
      storeIdentifier: 'demo',
      tableNumber: 3,
      deviceCredential: 'c'.repeat(43),
    });
  });

  it('still reads the settings of an earlier release (with the password), until they are replaced', () => {
    localStorage.setItem(KEY, JSON.stringify({ storeIdentifier: 'demo', tableNumber: 5, password: '1234' }));
    expect(loadDevice()).toEqual({ storeIdentifier: 'demo', tableNumber: 5, password: '1234' });
    saveDevice({ storeIdentifier: 'demo', tableNumber: 5, deviceCredential: 'new-credential' });
    expect(stored()).toEqual({ storeIdentifier: 'demo', tableNumber: 5, deviceCredential: 'new-credential' });
  });

  it('reads settings without a credential or password, or of a foreign shape, as not set up', () => {
    for (const v of [
      { storeIdentifier: 'demo', tableNumber: 3 },
      { storeIdentifier: 'demo', tableNumber: 3, deviceCredential: '' },
      { storeIdentifier: '', tableNumber: 3, deviceCredential: 'x' },
      { storeIdentifier: 'demo', tableNumber: '3', deviceCredential: 'x' },
      [1, 2],
    ]) {
      localStorage.setItem(KEY, JSON.stringify(v));
      expect(loadDevice()).toBeNull();
    }
    localStorage.setItem(KEY, '{oops');
    expect(loadDevice()).toBeNull();
  });
});
