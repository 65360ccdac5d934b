import { Call } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

const MINUTE = 60_000;

interface CallBody {
  id: number;
  tableId: number;
  tableNumber: number;
  reasons: string[];
  message: string | null;
  status: string;
  createdAt: string;
  acknowledgedAt: string | null;
}

describe('staff calls', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  const tabs: Client[] = [];
  /** Table n of store A (1-based). */
  const tab = (n: number) => tabs[n - 1]!;
  const call = (n: number, body: unknown, key?: string) =>
    tab(n).post<CallBody>('/api/v1/table/calls', body, key ? { 'idempotency-key': key } : {});
  const ack = (id: number, admin = a.admin) => admin.post<CallBody>(`/api/v1/admin/calls/${id}/acknowledge`);
  const openCalls = async (n: number) =>
    (await tab(n).get<{ calls: CallBody[] }>('/api/v1/table/calls')).body.calls;
  const tableToken = async (s: StoreFixture, n: number) => {
    const r = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: s.identifier,
      tableNumber: n,
      password: `pw-${n}`,
    });
    return r.body.accessToken;
  };
  /** Acknowledges every open call of table n (so the open-call limit does not get in the way). */
  const ackAll = async (n: number) => {
    for (const c of await openCalls(n)) expect((await ack(c.id)).status).toBe(200);
  };

  beforeAll(async () => {
    // Tokens live 30 days here: the suite moves the clock across days.
    t = await createTestApp({ JWT_EXPIRE_HOURS: '720' });
    a = await seedStore(t, 'store-a', { tables: 6 });
    b = await seedStore(t, 'store-b', { tables: 1 });
    for (let n = 1; n <= 6; n++) tabs.push(await a.tableClient(n));
  });
  afterAll(() => t.close());

  it('a table calls with reasons from the store list and a message; an idle table may call', async () => {
    const r = await call(1, { reasons: ['물', '앞접시'], message: '  아이 의자도 부탁해요 ', extra: 1 });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({
      id: r.body.id,
      tableId: a.tables[0]!.id,
      tableNumber: 1,
      reasons: ['물', '앞접시'],
      message: '아이 의자도 부탁해요',
      status: 'open',
      createdAt: '2026-03-10T03:00:00.000Z',
      acknowledgedAt: null,
    });
    expect(Call.strict().parse(r.body)).toEqual(r.body);
    // A message alone, or reasons alone.
    expect((await call(1, { message: '계산서 주세요' })).body).toMatchObject({
      reasons: [],
      message: '계산서 주세요',
    });
    expect((await call(2, { reasons: ['직원 호출'] })).body).toMatchObject({ message: null, tableNumber: 2 });
    // The table sees its own open calls, newest first; another table sees none of them.
    expect((await openCalls(1)).map((c) => c.message)).toEqual(['계산서 주세요', '아이 의자도 부탁해요']);
    expect((await openCalls(2)).map((c) => c.reasons)).toEqual([['직원 호출']]);
    expect(await openCalls(3)).toEqual([]);
    await ackAll(1);
    await ackAll(2);
  });

  it('refuses reasons the store does not offer and empty or oversized calls with 422, recording nothing', async () => {
    const bad: unknown[] = [
      {},
      { reasons: [] },
      { reasons: [], message: '   ' },
      { reasons: ['물', '물'] },
      { reasons: [''] },
      { reasons: ['x'.repeat(21)] },
      { reasons: Array.from({ length: 13 }, (_, i) => `r${i}`) },
      { reasons: '물' },
      { reasons: [1] },
      { message: 'x'.repeat(101) },
      { message: 5 },
    ];
    for (const body of bad) expectError(await call(3, body), 422, 'validation_failed');
    const unknown = expectError(await call(3, { reasons: ['물', '소주 한 병'] }), 422, 'validation_failed');
    expect(unknown.message).toContain('소주 한 병');
    expect((unknown as { details?: unknown[] }).details).toEqual([
      { field: 'reasons', message: 'unknown call reason', reason: '소주 한 병' },
    ]);
    expect(await openCalls(3)).toEqual([]);
    expectError(await call(3, { reasons: ['물'] }, 'short'), 422);
  });

  it('is idempotent: the same key answers the same call; the key with another body is 422', async () => {
    const key = crypto.randomUUID();
    const body = { reasons: ['물티슈'], message: '두 개요' };
    const first = await call(4, body, key);
    expect(first.status).toBe(201);
    const repeat = await call(4, body, key);
    expect(repeat.status).toBe(201);
    expect(repeat.body).toEqual(first.body);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    // Double taps sent at once still make one call.
    const key2 = crypto.randomUUID();
    const taps = await Promise.all([1, 2, 3].map(() => call(4, { reasons: ['물'] }, key2)));
    expect(taps.map((r) => r.status)).toEqual([201, 201, 201]);
    expect(new Set(taps.map((r) => r.body.id)).size).toBe(1);
    expectError(await call(4, { ...body, message: '세 개요' }, key), 422, 'idempotency_key_reused');
    expect((await openCalls(4)).map((c) => c.id).sort()).toEqual([first.body.id, taps[0]!.body.id].sort());
    // A repeat of an acknowledged call still answers it (and is not refused by the limits).
    await ackAll(4);
    const later = await call(4, body, key);
    expect(later.status).toBe(201);
    expect(later.body).toMatchObject({ id: first.body.id, status: 'acknowledged' });
    // Keys are per table.
    const other = await call(5, body, key);
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    await ackAll(5);
  });

  it('allows 3 open calls per table; the 4th is 429 with Retry-After until staff acknowledge one', async () => {
    const made: CallBody[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await call(6, { reasons: ['물'] });
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    const refused = await call(6, { reasons: ['물'] });
    expectError(refused, 429, 'too_many_requests');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Refused attempts are not recorded: still exactly 3 open calls.
    expectError(await call(6, { reasons: ['앞접시'] }), 429);
    expect(await openCalls(6)).toHaveLength(3);
    expect((await ack(made[0]!.id)).status).toBe(200);
    expect((await call(6, { reasons: ['앞접시'] })).status).toBe(201);
    await ackAll(6);
  });

  it('allows 10 calls a minute per table; refused attempts do not count; Retry-After says when', async () => {
    t.clock.advance(2 * MINUTE); // earlier tests' calls leave the window
    const first = t.clock.ms;
    for (let i = 0; i < 10; i++) {
      const r = await call(5, { reasons: ['물'] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      await ack(r.body.id);
      t.clock.advance(1000);
    }
    // 10 s after the first call: it leaves the window 50 s from now.
    for (let i = 0; i < 5; i++) {
      const refused = await call(5, { reasons: ['물'] });
      expectError(refused, 429, 'too_many_requests');
      expect(refused.headers['retry-after']).toBe('50');
    }
    t.clock.ms = first + MINUTE; // the first call is exactly 60 s old: out of the window
    const again = await call(5, { reasons: ['물'] });
    expect(again.status).toBe(201);
    // The refused attempts did not count: one place freed, one call made, the next is refused again.
    expectError(await call(5, { reasons: ['물'] }), 429);
    await ackAll(5);
    t.clock.advance(2 * MINUTE);
  });

  it('holds the limits under concurrent calls: never more than 3 open', async () => {
    const t6 = await a.tableClient(6);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t6.post('/api/v1/table/calls', { reasons: ['물'] })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 429)).toHaveLength(5);
    expect(await openCalls(6)).toHaveLength(3);
    await ackAll(6);
  });

  it('acknowledges a call once; a repeat answers 200 with it unchanged', async () => {
    const c = (await call(3, { reasons: ['수저·젓가락'] })).body;
    t.clock.advance(5000);
    const first = await ack(c.id);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      ...c,
      status: 'acknowledged',
      acknowledgedAt: new Date(Date.parse(c.createdAt) + 5000).toISOString(),
    });
    t.clock.advance(5000);
    const again = await ack(c.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const events = await t.runtime.ctx.db
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'call.acknowledged')
      .execute();
    expect(events.filter((e) => (JSON.parse(e.payload) as { callId: number }).callId === c.id)).toHaveLength(
      1,
    );
    expect(await openCalls(3)).toEqual([]);
    expectError(await ack(987654), 404, 'not_found');
    expectError(await a.admin.post('/api/v1/admin/calls/abc/acknowledge'), 404);
  });

  it('lists the store’s calls for staff: open by default, or all of today, newest first', async () => {
    const x = (await call(1, { reasons: ['물'] })).body;
    t.clock.advance(1000);
    const y = (await call(2, { reasons: ['물티슈'], message: '많이요' })).body;
    t.clock.advance(1000);
    await ack(x.id);
    const open = await a.admin.get<{ calls: CallBody[] }>('/api/v1/admin/calls');
    expect(open.status).toBe(200);
    expect(open.body.calls.map((c) => c.id)).toEqual([y.id]);
    expect((await a.admin.get('/api/v1/admin/calls?status=open')).body).toEqual(open.body);
    const all = (await a.admin.get<{ calls: CallBody[] }>('/api/v1/admin/calls?status=all')).body.calls;
    expect(all[0]).toEqual(y);
    expect(all[1]).toMatchObject({ id: x.id, status: 'acknowledged' });
    const times = all.map((c) => c.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expectError(await a.admin.get('/api/v1/admin/calls?status=closed'), 422);

    // The next store day (Seoul midnight): yesterday's finished calls are gone; one still open stays.
    t.clock.ms = Date.parse('2026-03-10T15:00:00Z');
    const today = (await a.admin.get<{ calls: CallBody[] }>('/api/v1/admin/calls?status=all')).body.calls;
    expect(today.map((c) => c.id)).toEqual([y.id]);
    expect((await a.admin.get('/api/v1/admin/calls')).body.calls.map((c: CallBody) => c.id)).toEqual([y.id]);
    await ack(y.id);
    expect((await a.admin.get('/api/v1/admin/calls?status=all')).body.calls).toEqual([]);
  });

  it('checkout closes the table’s open calls; acknowledged ones stay acknowledged', async () => {
    await tab(1).post('/api/v1/table/orders', { items: [{ menuItemId: a.items[0]!.id, quantity: 1 }] });
    const done = (await call(1, { reasons: ['물'] })).body;
    await ack(done.id);
    const open = (await call(1, { reasons: ['앞접시'] })).body;
    const otherTable = (await call(2, { reasons: ['물'] })).body;
    expect((await a.admin.post(`/api/v1/admin/tables/${a.tables[0]!.id}/checkout`)).status).toBe(200);
    expect(await openCalls(1)).toEqual([]);
    const all = (await a.admin.get<{ calls: CallBody[] }>('/api/v1/admin/calls?status=all')).body.calls;
    expect(all.find((c) => c.id === open.id)?.status).toBe('closed');
    expect(all.find((c) => c.id === done.id)?.status).toBe('acknowledged');
    expect(all.find((c) => c.id === otherTable.id)?.status).toBe('open');
    // A closed call cannot be acknowledged any more: the answer is the call as it is.
    expect((await ack(open.id)).body).toMatchObject({ status: 'closed', acknowledgedAt: null });
    // Checkout of an idle table is 409 and leaves its calls alone.
    expectError(await a.admin.post(`/api/v1/admin/tables/${a.tables[2]!.id}/checkout`), 409, 'table_idle');
    await ackAll(2);
  });

  it('drops a deleted table’s open calls from the staff lists', async () => {
    const orphan = (await call(6, { reasons: ['물'] })).body;
    expect((await a.admin.delete(`/api/v1/admin/tables/${a.tables[5]!.id}`)).status).toBe(204);
    for (const status of ['open', 'all']) {
      const listed = (await a.admin.get<{ calls: CallBody[] }>(`/api/v1/admin/calls?status=${status}`)).body
        .calls;
      expect(listed.map((c) => c.id)).not.toContain(orphan.id);
    }
  });

  it('keeps stores apart and roles apart', async () => {
    const mine = (await call(3, { reasons: ['물'] })).body;
    const bTab = client(t.app, await tableToken(b, 1));
    const theirs = await bTab.post<CallBody>('/api/v1/table/calls', { reasons: ['물'] });
    expect(theirs.status).toBe(201);
    expectError(await ack(mine.id, b.admin), 404, 'not_found');
    expect((await b.admin.get('/api/v1/admin/calls')).body.calls.map((c: CallBody) => c.id)).toEqual([
      theirs.body.id,
    ]);
    expect((await a.admin.get('/api/v1/admin/calls')).body.calls.map((c: CallBody) => c.id)).not.toContain(
      theirs.body.id,
    );
    expectError(await tab(3).get('/api/v1/admin/calls'), 403);
    expectError(await tab(3).post(`/api/v1/admin/calls/${mine.id}/acknowledge`), 403);
    expectError(await a.admin.post('/api/v1/table/calls', { reasons: ['물'] }), 403);
    expectError(await client(t.app).get('/api/v1/table/calls'), 401);
    await ackAll(3);
  });
});
