import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, seedStore, type TestApp } from '../../../test/harness.js';

// login_failures does not grow forever: rows whose window and lock are over go on the events' purge
// schedule (EVENTS_PURGE_INTERVAL_MS); counters still in use stay.
describe('purging expired login failures', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ EVENTS_PURGE_INTERVAL_MS: '50' });
    await seedStore(t, 'store-a', { tables: 1 });
  });
  afterAll(() => t.close());

  const keys = async () =>
    (
      await t.runtime.ctx.db.selectFrom('login_failures').select('scope_key').orderBy('scope_key').execute()
    ).map((r) => r.scope_key);
  const wrongAdmin = async (username: string) => {
    const r = await client(t.app).post('/api/v1/auth/admin/login', {
      storeIdentifier: 'store-a',
      username,
      password: 'wrong-pass',
    });
    expect(r.status).toBe(401);
  };

  it('deletes rows whose window and lock are over, and keeps the rest', async () => {
    // A locked account (5 failures) and a counter of 2.
    for (let i = 0; i < 5; i++) await wrongAdmin('locked');
    await wrongAdmin('counted');
    await wrongAdmin('counted');
    expect(await keys()).toEqual(['admin:store-a:counted', 'admin:store-a:locked', 'ip:127.0.0.1']);

    // 10 minutes later: the address's minute is over, but the account counters and the lock are not.
    t.clock.advance(10 * 60_000);
    await expect.poll(keys, { timeout: 3000 }).toEqual(['admin:store-a:counted', 'admin:store-a:locked']);
    // A new failure elsewhere is kept.
    await wrongAdmin('fresh');

    // 16 minutes after the first failures: the counter's window and the lock are over too (and the
    // address's second minute); the fresh account counter still counts.
    t.clock.advance(6 * 60_000);
    await expect.poll(keys, { timeout: 3000 }).toEqual(['admin:store-a:fresh']);
    // The purged account logs in as if nothing happened.
    const ok = await client(t.app).post('/api/v1/auth/admin/login', {
      storeIdentifier: 'store-a',
      username: 'owner',
      password: 'owner-pass-1',
    });
    expect(ok.status).toBe(200);
  });
});
