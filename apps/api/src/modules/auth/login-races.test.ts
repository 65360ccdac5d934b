import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, seedStore, type StoreFixture, type TestApp } from '../../../test/harness.js';

// Failed logins answer 401 (or 423 once locked), never 500, however they interleave with successful
// logins of the same account (which forget its failures) and with a password change.
describe('login failure counting under concurrency', () => {
  let t: TestApp;
  let s: StoreFixture;
  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 1 });
  });
  afterAll(() => t.close());

  const anon = () => client(t.app);
  const adminLogin = (password: string) =>
    anon().post('/api/v1/auth/admin/login', { storeIdentifier: 'store-a', username: 'owner', password });
  const tableLogin = (password: string) =>
    anon().post('/api/v1/auth/table/login', { storeIdentifier: 'store-a', tableNumber: 1, password });

  /** Runs rounds of wrong and right logins at once; returns every status seen, by kind. */
  async function race(login: (password: string) => ReturnType<typeof adminLogin>, right: string) {
    const seen = { right: new Set<number>(), wrong: new Set<number>() };
    for (let round = 0; round < 6; round++) {
      // A minute apart, so the per-address limit (30 a minute) stays out of the way; the account's
      // lock (5 failures) may still be reached within a round.
      t.clock.advance(61_000);
      const calls = Array.from({ length: 8 }, (_, i): 'right' | 'wrong' => (i % 2 === 0 ? 'right' : 'wrong'));
      const results = await Promise.all(calls.map((kind) => login(kind === 'right' ? right : 'wrong-pass')));
      results.forEach((r, i) => {
        expect(r.status, JSON.stringify(r.body)).not.toBe(500);
        seen[calls[i]!].add(r.status);
      });
      // Clear any lock before the next round.
      t.clock.advance(15 * 60_000);
    }
    return seen;
  }

  it('a wrong admin password racing right ones answers 401 (or 423), never 500', async () => {
    const seen = await race(adminLogin, 'owner-pass-1');
    expect([...seen.wrong].every((x) => x === 401 || x === 423)).toBe(true);
    expect([...seen.right].every((x) => x === 200 || x === 423)).toBe(true);
    expect(seen.wrong.has(401)).toBe(true);
  });

  it('a wrong table password racing right ones answers 401 (or 423), never 500', async () => {
    const seen = await race(tableLogin, 'pw-1');
    expect([...seen.wrong].every((x) => x === 401 || x === 423)).toBe(true);
    expect([...seen.right].every((x) => x === 200 || x === 423)).toBe(true);
  });

  it('logins during password changes answer 200 or 401, never 500', async () => {
    const tableId = s.tables[0]!.id;
    let current = 'pw-1';
    for (let round = 0; round < 4; round++) {
      t.clock.advance(16 * 60_000);
      const next = `pw-next-${round}`;
      const [change, ...logins] = await Promise.all([
        s.admin.patch(`/api/v1/admin/tables/${tableId}`, { password: next }),
        tableLogin(current),
        tableLogin(next),
        tableLogin(current),
        tableLogin('wrong-pass'),
      ]);
      expect(change.status).toBe(200);
      for (const r of logins) expect([200, 401, 423], JSON.stringify(r.body)).toContain(r.status);
      current = next;
    }
    t.clock.advance(16 * 60_000);
    expect((await tableLogin(current)).status).toBe(200);
  });
});
