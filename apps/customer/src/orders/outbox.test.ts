import type { Order, OrderCreateBody } from '@table-order/contracts';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError } from '../shared/api/errors';
import {
  Outbox,
  OutboxSender,
  OutboxStore,
  holdReason,
  isNoAnswer,
  outboxKey,
  processLock,
  type DrainResult,
  type OutboxEntry,
  type OutboxLine,
} from './outbox';
import { leaseLock } from './outbox-lock';

const KEY = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const line = (menuItemId: number, quantity = 1): OutboxLine => ({
  menuItemId,
  name: `메뉴${menuItemId}`,
  unitPrice: 1000,
  quantity,
  options: [],
});
/** A queued order of one dish `n`; without `createdAt` it is queued now. */
const entry = (n: number, createdAt?: number): Omit<OutboxEntry, 'createdAt'> & { createdAt?: number } => ({
  key: KEY(n),
  body: { items: [{ menuItemId: n, quantity: 1 }] },
  lines: [line(n)],
  amount: 1000,
  ...(createdAt === undefined ? {} : { createdAt }),
});

/** A fake API: each call answers by `answer(key, callNo)`; orders placed are remembered by key. */
function fakeServer(answer: (key: string, n: number) => 'ok' | Error = () => 'ok') {
  const calls: string[] = [];
  const placed = new Map<string, Order>();
  let seq = 0;
  const send = vi.fn((body: OrderCreateBody, key: string): Promise<Order> => {
    calls.push(key);
    const a = answer(key, calls.length);
    if (a instanceof Error) return Promise.reject(a);
    let order = placed.get(key);
    if (!order) {
      seq++;
      order = {
        id: seq,
        orderNumber: `20250101-${String(seq).padStart(4, '0')}`,
        tableId: 1,
        tableNumber: 1,
        sessionId: 1,
        status: 'pending',
        note: body.note ?? '',
        totalAmount: 1000,
        createdAt: '',
        updatedAt: '',
        items: [],
      };
      placed.set(key, order);
    }
    return Promise.resolve(order);
  });
  return { calls, placed, send };
}

function setup(server = fakeServer(), now = () => Date.now()) {
  const store = new OutboxStore(localStorage, outboxKey('demo', 1));
  const delivered: [string, Order][] = [];
  const refused: [string, string][] = [];
  const outbox = new Outbox({
    store,
    send: server.send,
    now,
    onDelivered: (e, o) => delivered.push([e.key, o]),
    onRefused: (e, err) => refused.push([e.key, err.code]),
  });
  return { store, outbox, delivered, refused, server };
}

beforeEach(() => {
  localStorage.clear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('outbox', () => {
  it('classifies no answer: network errors and 502/503/504 queue, a refusal does not', () => {
    expect(isNoAnswer(new NetworkError())).toBe(true);
    for (const s of [502, 503, 504]) expect(isNoAnswer(new ApiError(s, `http_${s}`, ''))).toBe(true);
    expect(isNoAnswer(new ApiError(409, 'menu_items_unavailable', ''))).toBe(false);
    expect(isNoAnswer(new ApiError(500, 'http_500', ''))).toBe(false);
  });

  it('keeps entries across a reload (a new Outbox on the same storage) and never stores a token', () => {
    const { outbox } = setup();
    outbox.enqueue(entry(1, 5));
    outbox.enqueue(entry(2, 6));
    outbox.enqueue(entry(1, 7)); // the same key twice is one entry
    const raw = localStorage.getItem('table-order:outbox:demo:1')!;
    expect(raw).not.toMatch(/token|Bearer|credential|password/i);
    const again = setup().outbox;
    expect(again.entries().map((e) => e.key)).toEqual([KEY(1), KEY(2)]);
    expect(again.entries()[0]?.createdAt).toBe(5);
  });

  it('sends queued entries in order with their own keys, removing each after its answer', async () => {
    const { outbox, delivered, server } = setup();
    for (const n of [1, 2, 3]) outbox.enqueue(entry(n));
    expect(await outbox.drain()).toEqual({ status: 'empty' });
    expect(server.calls).toEqual([KEY(1), KEY(2), KEY(3)]);
    expect(delivered.map(([, o]) => o.orderNumber)).toEqual([
      '20250101-0001',
      '20250101-0002',
      '20250101-0003',
    ]);
    expect(outbox.entries()).toEqual([]);
  });

  it('stops at the first entry without an answer and keeps it and the ones after it, in order', async () => {
    let down = true;
    const { outbox, server } = setup(fakeServer(() => (down ? new NetworkError() : 'ok')));
    outbox.enqueue(entry(1));
    outbox.enqueue(entry(2));
    expect(await outbox.drain()).toEqual({ status: 'waiting' });
    expect(server.calls).toEqual([KEY(1)]);
    expect(outbox.entries().map((e) => e.key)).toEqual([KEY(1), KEY(2)]);
    down = false;
    expect(await outbox.drain()).toEqual({ status: 'empty' });
    expect(server.calls).toEqual([KEY(1), KEY(1), KEY(2)]);
  });

  it('a lost answer is sent again with the same key and resolves to the same order (never two)', async () => {
    // The server places the order, then the answer is lost (the connection drops).
    const server = fakeServer();
    const lostOnce = vi.fn(async (body: OrderCreateBody, key: string) => {
      const order = await server.send(body, key);
      if (lostOnce.mock.calls.length === 1) throw new NetworkError('answer lost');
      return order;
    });
    const store = new OutboxStore(localStorage, outboxKey('demo', 1));
    const delivered: Order[] = [];
    const outbox = new Outbox({ store, send: lostOnce, onDelivered: (_e, o) => delivered.push(o) });
    outbox.enqueue(entry(1));
    expect((await outbox.drain()).status).toBe('waiting');
    expect((await outbox.drain()).status).toBe('empty');
    expect(server.placed.size).toBe(1);
    expect(delivered.map((o) => o.id)).toEqual([1]);
  });

  it('keeps an entry whose send was cut by a reload mid-request: the next tab sends the same key', async () => {
    const server = fakeServer();
    const store = new OutboxStore(localStorage, outboxKey('demo', 1));
    // The first tab's request reaches the server, and the tab is gone before the answer.
    const first = new Outbox({
      store,
      send: async (b, k) => {
        await server.send(b, k);
        return new Promise<Order>(() => undefined);
      },
    });
    first.enqueue(entry(1));
    void first.drain();
    await vi.waitFor(() => {
      expect(server.calls).toHaveLength(1);
    });
    expect(store.read()).toHaveLength(1);
    const second = new Outbox({ store, send: server.send });
    expect(await second.drain()).toEqual({ status: 'empty' });
    expect(server.calls).toEqual([KEY(1), KEY(1)]);
    expect(server.placed.size).toBe(1);
  });

  it('drops a refused entry (sold out), reports it, and goes on with the next', async () => {
    const soldOut = new ApiError(409, 'menu_items_unavailable', 'sold out', [
      { menuItemId: 1, name: '메뉴1', reason: 'sold_out' },
    ]);
    const { outbox, refused, delivered } = setup(fakeServer((k) => (k === KEY(1) ? soldOut : 'ok')));
    outbox.enqueue(entry(1));
    outbox.enqueue(entry(2));
    expect(await outbox.drain()).toEqual({ status: 'empty' });
    expect(refused).toEqual([[KEY(1), 'menu_items_unavailable']]);
    expect(delivered.map(([k]) => k)).toEqual([KEY(2)]);
  });

  it('keeps an entry on 5xx, 429 and a refused login (retry later), with Retry-After', async () => {
    for (const err of [
      new ApiError(500, 'http_500', ''),
      new ApiError(429, 'http_429', '', [], 7),
      new ApiError(401, 'http_401', ''),
      new ApiError(409, 'idempotency_in_progress' as never, ''),
    ]) {
      localStorage.clear();
      const { outbox } = setup(fakeServer(() => err));
      outbox.enqueue(entry(1));
      const r = await outbox.drain();
      expect(r.status).toBe('waiting');
      if (err.retryAfter) expect(r).toEqual({ status: 'waiting', retryAfter: 7 });
      expect(outbox.entries()).toHaveLength(1);
    }
  });

  it('holds an entry older than 10 minutes until the guest confirms it; nothing behind it overtakes', async () => {
    let now = 0;
    const { outbox, server } = setup(fakeServer(), () => now);
    outbox.enqueue(entry(1, 0));
    outbox.enqueue(entry(2, 9 * 60_000));
    now = 15 * 60_000;
    const r = await outbox.drain();
    expect(r).toMatchObject({ status: 'held', reason: 'old', entry: { key: KEY(1) } });
    expect(server.calls).toEqual([]);
    outbox.confirm(KEY(1));
    // The second is 6 minutes old: it goes right after the confirmed one.
    expect(await outbox.drain()).toEqual({ status: 'empty' });
    expect(server.calls).toEqual([KEY(1), KEY(2)]);
  });

  it('a cancelled held entry is never sent', async () => {
    let now = 0;
    const { outbox, server } = setup(fakeServer(), () => now);
    outbox.enqueue(entry(1, 0));
    now = 11 * 60_000;
    expect((await outbox.drain()).status).toBe('held');
    expect(outbox.cancel(KEY(1))?.key).toBe(KEY(1));
    expect(await outbox.drain()).toEqual({ status: 'empty' });
    expect(server.calls).toEqual([]);
  });

  it('after a checkout, queued entries wait for the guest even when young', async () => {
    const { outbox, server } = setup();
    outbox.enqueue(entry(1));
    outbox.markCheckedOut();
    expect(holdReason(outbox.entries()[0]!, Date.now())).toBe('checkout');
    expect((await outbox.drain()).status).toBe('held');
    expect(server.calls).toEqual([]);
  });

  it('two drains at once (two tabs) never send concurrently: the second is busy', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const server = fakeServer();
    let inFlight = 0;
    let maxInFlight = 0;
    const send = async (b: OrderCreateBody, k: string) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await gate;
      inFlight--;
      return server.send(b, k);
    };
    const store = new OutboxStore(localStorage, outboxKey('demo', 1));
    let t = 1_000_000;
    const lockA = leaseLock(localStorage, 'lease', { now: () => t, owner: 'a' });
    const lockB = leaseLock(localStorage, 'lease', { now: () => t, owner: 'b' });
    const a = new Outbox({ store, send, lock: lockA });
    const b = new Outbox({ store, send, lock: lockB });
    a.enqueue(entry(1));
    a.enqueue(entry(2));
    const first = a.drain();
    await vi.waitFor(() => {
      expect(inFlight).toBe(1);
    });
    expect(await b.drain()).toEqual({ status: 'busy' });
    release();
    expect(await first).toEqual({ status: 'empty' });
    expect(maxInFlight).toBe(1);
    expect(server.calls).toEqual([KEY(1), KEY(2)]);
    // A lease whose holder died expires: after its time the other tab takes over.
    localStorage.setItem('lease', JSON.stringify({ owner: 'a', until: t + 15_000 }));
    b.enqueue(entry(3));
    expect(await b.drain()).toEqual({ status: 'busy' });
    t += 16_000;
    expect(await b.drain()).toEqual({ status: 'empty' });
  });

  it('the process lock makes a second concurrent drain busy', async () => {
    const lock = processLock();
    let done: () => void = () => undefined;
    const p = lock(() => new Promise<void>((r) => (done = r)));
    expect(await lock(() => Promise.resolve(1))).toBe('busy');
    done();
    await p;
    expect(await lock(() => Promise.resolve(1))).toBe(1);
  });
});

describe('OutboxSender', () => {
  it('probes with exponential backoff while the server is away and drains as soon as it answers', async () => {
    vi.useFakeTimers();
    let down = true;
    const { outbox, server } = setup(fakeServer(() => (down ? new NetworkError() : 'ok')));
    const results: DrainResult['status'][] = [];
    const sender = new OutboxSender(outbox, { random: () => 0.5, onResult: (r) => results.push(r.status) });
    outbox.enqueue(entry(1));
    await sender.kick();
    expect(server.calls).toHaveLength(1);
    // 1 s, 2 s, 4 s, 8 s: four more probes in 15 s.
    await vi.advanceTimersByTimeAsync(15_000);
    expect(server.calls).toHaveLength(5);
    down = false;
    await vi.advanceTimersByTimeAsync(16_000);
    expect(server.calls).toHaveLength(6);
    expect(outbox.entries()).toEqual([]);
    expect(results.at(-1)).toBe('empty');
    // Nothing left: no more probes.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.calls).toHaveLength(6);
    sender.stop();
  });

  it('caps the backoff at 30 s (±20 % jitter) and follows Retry-After', () => {
    const { outbox } = setup();
    const lo = new OutboxSender(outbox, { random: () => 0 });
    const hi = new OutboxSender(outbox, { random: () => 1 });
    Object.assign(lo, { attempt: 10 });
    Object.assign(hi, { attempt: 10 });
    expect(lo.nextDelay()).toBe(24_000);
    expect(hi.nextDelay()).toBe(36_000);
    expect(lo.nextDelay(5)).toBe(5000);
  });

  it('a kick (stream back) sends at once instead of waiting for the next probe', async () => {
    vi.useFakeTimers();
    let down = true;
    const { outbox, server } = setup(fakeServer(() => (down ? new NetworkError() : 'ok')));
    const sender = new OutboxSender(outbox, { random: () => 0.5 });
    outbox.enqueue(entry(1));
    await sender.kick();
    await vi.advanceTimersByTimeAsync(7_500); // probes at 1, 3 and 7 s; the next at 15 s
    expect(server.calls).toHaveLength(4);
    down = false;
    await sender.kick();
    expect(server.calls).toHaveLength(5);
    expect(outbox.entries()).toEqual([]);
    sender.stop();
  });

  it('a stopped sender sends nothing until resumed (the app unmounted and mounted again)', async () => {
    const { outbox, server } = setup();
    const sender = new OutboxSender(outbox);
    outbox.enqueue(entry(1));
    sender.stop();
    await sender.kick();
    expect(server.calls).toEqual([]);
    sender.resume();
    await sender.kick();
    expect(server.calls).toEqual([KEY(1)]);
  });
});
