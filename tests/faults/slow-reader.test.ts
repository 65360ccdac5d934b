// Fault 4: live-stream clients that stop reading. The server must not buffer for them without bound: it
// drops them, keeps serving everyone else, and a dropped client replays what it missed on reconnect.
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { DashboardFollower } from '../support/dashboard.js';
import { ResultsFile } from '../support/figures.js';
import { round } from '../support/http.js';
import { seedDatabase, type SeededStore, loginAdmin, loginTables } from '../support/seed.js';
import { TabletFleet } from '../support/tablets.js';
import { ApiProcess } from '../support/api-server.js';
import { mapLimit, sleep } from '../support/common.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const STALLED = 30;
const ORDERS = 900;
const MB = 1024 * 1024;
const results = new ResultsFile('faults', import.meta.url);

/** A stream request whose reader never reads: HTTP/1.0 (no chunking), paused before the first byte. */
class StalledReader {
  readonly chunks: Buffer[] = [];
  ended = false;
  private constructor(readonly socket: Socket) {}

  static async open(port: number, token: string): Promise<StalledReader> {
    const socket = connect({ host: '127.0.0.1', port });
    await once(socket, 'connect');
    const r = new StalledReader(socket);
    socket.pause();
    socket.on('data', (d: Buffer) => r.chunks.push(d));
    socket.on('close', () => (r.ended = true));
    socket.on('error', () => (r.ended = true));
    socket.write(
      `GET /api/v1/admin/events HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
    return r;
  }

  /** Starts reading again and waits until the server's side is closed (or `timeoutMs`). */
  async drain(timeoutMs: number): Promise<boolean> {
    this.socket.resume();
    const deadline = Date.now() + timeoutMs;
    while (!this.ended && Date.now() < deadline) await sleep(50);
    return this.ended;
  }

  /** Bytes received and the ids of complete order.created frames, with the last complete `id:`. */
  parse(): { bytes: number; ids: number[]; lastId: string } {
    const text = Buffer.concat(this.chunks).toString('utf8');
    const body = text.slice(text.indexOf('\r\n\r\n') + 4);
    const frames = body.split('\n\n');
    frames.pop(); // the last piece is incomplete (or empty)
    const ids: number[] = [];
    let lastId = '';
    for (const frame of frames) {
      const lines = frame.split('\n');
      const id = lines.find((l) => l.startsWith('id: '))?.slice(4);
      if (id !== undefined) lastId = id;
      const data = lines.find((l) => l.startsWith('data: '))?.slice(6);
      if (lines.includes('event: order.created') && data) ids.push((JSON.parse(data) as { id: number }).id);
    }
    return { bytes: Buffer.concat(this.chunks).length, ids, lastId };
  }
}

describe('F4: stream clients that stop reading', () => {
  let dir: string;
  let api: ApiProcess;
  let store: SeededStore;
  let adminToken: string;
  let tablets: { tableId: number; token: string }[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-slow-'));
    const url = `sqlite:${join(dir, 'slow.db')}`;
    // Big events on purpose: an item with a 100-character Korean name (300 bytes) ordered on 30 lines.
    const longName = '아주긴이름의특별한메뉴'.repeat(10);
    [store] = (await seedDatabase(url, [{ identifier: 'slow', tables: 4, items: [[longName, 1000]] }])) as [
      SeededStore,
    ];
    api = await ApiProcess.start({ DATABASE_URL: url });
    adminToken = await loginAdmin(api.baseUrl, store);
    tablets = await loginTables(api.baseUrl, store);
  });

  afterAll(async () => {
    await api?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('drops clients that stop reading, keeps memory bounded, and replays to them on reconnect', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'F4',
      'Live-stream clients that stop reading',
      `The API process (SQLite) holds ${STALLED} dashboard streams whose clients send the request and then never read a byte, plus one dashboard that reads normally. ${ORDERS} large orders (30 lines each, so each order.created frame is about 12 KB) are placed, more than the kernel's socket buffers and the server's 1 MB per-stream limit can hold for a stalled client. The server's resident memory is sampled every 0.2 s. Afterwards the stalled clients read again: each must find its stream closed by the server, and reconnecting with its last complete id must replay exactly what it missed.`,
    );
    const follower = new DashboardFollower(() => api.baseUrl, adminToken);
    await follower.start();
    const stalled = await mapLimit(Array.from({ length: STALLED }), 5, () =>
      StalledReader.open(api.port, adminToken),
    );
    await sleep(500);
    const rssBefore = api.rssBytes();
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, api.rssBytes());
    }, 200);

    const fleet = new TabletFleet({
      base: api.baseUrl,
      tablets,
      itemIds: store.items.map((i) => i.id),
      thinkMs: [0, 0],
      retryMs: 200,
      timeoutMs: 10_000,
    });
    const note = '주문 메모'.repeat(40);
    const item = store.items[0]!.id;
    await mapLimit(
      Array.from({ length: ORDERS }, (_, i) => i),
      4,
      async (i) => {
        const t = tablets[i % tablets.length]!;
        const r = await fleet.attempt(t.tableId, t.token, `slow-${i}-${Date.now()}`, {
          items: Array.from({ length: 30 }, () => ({ menuItemId: item, quantity: 1 })),
          note,
        });
        expect(r.status).toBe(201);
      },
    );
    const ids = [...fleet.acknowledged.values()].map((x) => x.orderId);
    expect(await follower.waitForOrders(ids, 15_000), 'the reading dashboard got every order').toBe(true);
    clearInterval(sampler);
    rssPeak = Math.max(rssPeak, api.rssBytes());
    const frameBytes = follower.messages
      .filter((m) => m.event === 'order.created')
      .reduce((n, m) => n + Buffer.byteLength(m.data) + 40, 0);

    // The stalled clients read again: the server has closed every one of them.
    const drained = await Promise.all(stalled.map((s) => s.drain(10_000)));
    expect(drained.every(Boolean), 'every stalled stream was closed by the server').toBe(true);
    const parsed = stalled.map((s) => s.parse());
    for (const p of parsed)
      expect(p.bytes, 'a stalled stream got less than everything').toBeLessThan(frameBytes);

    // Each reconnects from its last complete id and receives exactly what it missed.
    let replayed = 0;
    await mapLimit(parsed, 5, async (p) => {
      const opened = await SseClient.open(`${api.baseUrl}/api/v1/admin/events`, {
        token: adminToken,
        lastEventId: p.lastId,
      });
      expect(opened.status).toBe(200);
      const c = opened.client!;
      const missing = ids.filter((id) => !p.ids.includes(id));
      await c.waitFor(
        () => {
          const got = c.messages.filter((m) => m.event === 'order.created').length;
          return got >= missing.length ? true : undefined;
        },
        15_000,
        'the replay',
      );
      await sleep(100);
      c.close();
      const got = c.messages
        .filter((m) => m.event === 'order.created')
        .map((m) => (JSON.parse(m.data) as { id: number }).id);
      expect(c.messages.some((m) => m.event === 'resync')).toBe(false);
      expect([...p.ids, ...got].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
      replayed += got.length;
    });
    await follower.stop();

    const growth = rssPeak - rssBefore;
    const unbounded = STALLED * frameBytes;
    // Buffering for the stalled clients would have grown the heap by about `unbounded` bytes (less what
    // the kernel holds); the 1 MB limit per stream keeps it to a fraction of that.
    expect(growth, 'resident memory growth while the stalled clients did not read').toBeLessThan(
      unbounded / 3,
    );
    const received = parsed.map((p) => p.bytes);
    scenario
      .volume(
        `${ids.length} orders (${round(frameBytes / MB, 1)} MB of events) to ${STALLED} stalled streams, ${replayed} events replayed`,
      )
      .set('stalled streams', STALLED)
      .set('orders placed (order.created events)', ids.length)
      .set('event bytes sent to the reading dashboard (MB)', round(frameBytes / MB, 1))
      .set('bytes that buffering for every stalled stream would hold (MB)', round(unbounded / MB))
      .set(
        'bytes a stalled client had received when dropped, min / max (MB)',
        `${round(Math.min(...received) / MB, 1)} / ${round(Math.max(...received) / MB, 1)}`,
      )
      .set('stalled streams closed by the server', drained.filter(Boolean).length)
      .set('server resident memory before / peak (MB)', `${round(rssBefore / MB)} / ${round(rssPeak / MB)}`)
      .set('events replayed to the reconnected clients', replayed)
      .set('events lost or duplicated across drop and replay', 0)
      .set('orders received by the reading dashboard', follower.createdIds().length);
    await scenario.pass(
      'Passed: every stalled stream was closed by the server once its queue passed the limit, resident memory grew far less than buffering would need, the reading dashboard got every event, and each dropped client replayed exactly what it had missed.',
    );
  });
});
