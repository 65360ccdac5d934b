import { describe, expect, it } from 'vitest';
import { isDeadlock, retryOnDeadlock } from './db-errors.js';

const deadlock = () => Object.assign(new Error('Deadlock found'), { code: 'ER_LOCK_DEADLOCK' });

describe('retryOnDeadlock', () => {
  it('runs a write again after a deadlock and answers its result', async () => {
    let calls = 0;
    const r = await retryOnDeadlock(() => {
      calls++;
      return calls < 3 ? Promise.reject(deadlock()) : Promise.resolve('done');
    });
    expect(r).toBe('done');
    expect(calls).toBe(3);
  });

  it('gives up after the attempts, and never retries other errors', async () => {
    let calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls++;
        return Promise.reject(deadlock());
      }, 2),
    ).rejects.toSatisfy(isDeadlock);
    expect(calls).toBe(2);
    calls = 0;
    await expect(
      retryOnDeadlock(() => {
        calls++;
        return Promise.reject(new Error('other'));
      }),
    ).rejects.toThrow('other');
    expect(calls).toBe(1);
  });
});
