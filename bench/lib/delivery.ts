// Order → live stream delivery (B3, B6): streams open on one or more instances, orders sent at a fixed
// rate (open loop), every delivery timed from the moment its order was sent and checked for exactly-once.
import { Agent, request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { openDb } from '../../tests/support/seed.js';
import type { Fixture, StoreFx, TableFx } from './fixture.js';
import { orderBody } from '../scenarios/b2-orders.js';
import { openMany, type SseStream } from './sse.js';
import { nowMs, summary } from './stats.js';
import type { HttpServer } from './servers.js';

export interface DeliveryOptions {
  instances: HttpServer[];
  fixture: Fixture;
  ratePerSec: number;
  durationSec: number;
  dashboardsPerStore: number;
  streamsPerTable: number;
  /** Tag written into each order's note, to recognise this run's orders. */
  tag: string;
  log: (message: string) => void;
}

interface Watched {
  stream: SseStream;
  instance: number;
  kind: 'dashboard' | 'tablet';
  store: StoreFx;
  table?: TableFx;
  seen: Map<number, number>;
  foreign: number;
}

export interface DeliveryResult {
  sent: number;
  created: number;
  postErrors: number;
  postStatuses: Record<string, number>;
  achievedRate: number;
  post: ReturnType<typeof summary>;
  dashboard: ReturnType<typeof summary>;
  /** Dashboard deliveries whose order was posted to another instance than the stream's. */
  dashboardCross: ReturnType<typeof summary>;
  tablet: ReturnType<typeof summary>;
  streams: { dashboards: number; tablets: number; endedEarly: number };
  missing: number;
  /** Streams short of deliveries, by kind and instance (empty when nothing is missing). */
  missingBy: Record<string, unknown>;
  doubled: number;
  foreign: number;
  drainMs: number;
  /** Orders of this run found in the database. */
  stored: number;
  /** Orders answered 201 but not in the database (must be 0). */
  acceptedNotStored: number;
  /** Deliveries of orders that are not in the database (must be 0). */
  deliveredNotStored: number;
}

/** The tag sequence numbers of this run's orders that are in the database. */
async function storedSeqs(databaseUrl: string, tag: string): Promise<Set<number>> {
  const h = openDb(databaseUrl);
  try {
    const rows = await h.db.selectFrom('orders').select('note').where('note', 'like', `${tag}-%`).execute();
    return new Set(rows.map((r) => Number(r.note.slice(tag.length + 1))));
  } finally {
    await h.close();
  }
}

/** Reads the order's tag sequence out of an `order.created` payload without parsing the whole JSON. */
function seqOf(data: string, marker: string): number | undefined {
  const i = data.indexOf(marker);
  if (i < 0) return undefined;
  let n = 0;
  let j = i + marker.length;
  for (; j < data.length; j++) {
    const c = data.charCodeAt(j) - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return j === i + marker.length ? undefined : n;
}

/** Calls `fire(0…total-1)` on schedule at `ratePerSec` (open loop); resolves with the seconds it took. */
async function openLoop(ratePerSec: number, total: number, fire: (seq: number) => void): Promise<number> {
  const t0 = nowMs();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor(((nowMs() - t0) / 1000) * ratePerSec));
      while (next < due) fire(next++);
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, 2);
    tick();
  });
  return (nowMs() - t0) / 1000;
}

/** Latency of GET `url` at a fixed rate (open loop, keep-alive sockets as the order sender uses). */
export async function openLoopGet(
  url: string,
  ratePerSec: number,
  durationSec: number,
): Promise<ReturnType<typeof summary> & { errors: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const lat: number[] = [];
  let errors = 0;
  let answered = 0;
  const total = Math.round(ratePerSec * durationSec);
  await openLoop(ratePerSec, total, () => {
    const started = nowMs();
    const req = request(url, { agent }, (res) => {
      if (res.statusCode !== 200) errors++;
      res.resume();
      res.on('end', () => {
        lat.push(nowMs() - started);
        answered++;
      });
    });
    req.on('error', () => {
      errors++;
      answered++;
    });
    req.end();
  });
  const deadline = nowMs() + 10_000;
  while (answered < total && nowMs() < deadline) await new Promise((r) => setTimeout(r, 20));
  agent.destroy();
  return { ...summary(lat), errors };
}

export async function runDelivery(o: DeliveryOptions): Promise<DeliveryResult> {
  const marker = `"note":"${o.tag}-`;
  const sendAt: number[] = [];
  const postedTo: number[] = [];
  const orderTable: TableFx[] = [];
  const dashLat: number[] = [];
  const crossLat: number[] = [];
  const tabletLat: number[] = [];
  const watched: Watched[] = [];

  const specs: { url: string; opts: Parameters<typeof openMany>[0][number]['opts'] }[] = [];
  let k = 0;
  const add = (kind: Watched['kind'], store: StoreFx, token: string, table?: TableFx) => {
    const instance = k++ % o.instances.length;
    const w: Watched = {
      stream: undefined as unknown as SseStream,
      instance,
      kind,
      store,
      seen: new Map(),
      foreign: 0,
      ...(table ? { table } : {}),
    };
    const base = o.instances[instance]?.baseUrl ?? '';
    const lat = kind === 'dashboard' ? dashLat : tabletLat;
    watched.push(w);
    specs.push({
      url: `${base}/api/v1/${kind === 'dashboard' ? 'admin' : 'table'}/events`,
      opts: {
        token,
        onEvent: (f, at) => {
          if (f.event !== 'order.created') return;
          const seq = seqOf(f.data, marker);
          if (seq === undefined) return;
          const t = orderTable[seq];
          if (!t || t.store !== store || (table && t !== table)) {
            w.foreign++;
            return;
          }
          const n = (w.seen.get(seq) ?? 0) + 1;
          w.seen.set(seq, n);
          if (n === 1) {
            const ms = at - (sendAt[seq] ?? at);
            lat.push(ms);
            if (kind === 'dashboard' && postedTo[seq] !== instance) crossLat.push(ms);
          }
        },
      },
    });
  };
  for (const store of o.fixture.stores) {
    for (let d = 0; d < o.dashboardsPerStore; d++) add('dashboard', store, store.adminToken);
    for (const table of store.tables)
      for (let s = 0; s < o.streamsPerTable; s++) add('tablet', store, table.token, table);
  }
  const streams = await openMany(specs, 250);
  streams.forEach((s, i) => {
    const w = watched[i];
    if (w) w.stream = s;
  });
  o.log(
    `${streams.length} streams open on ${o.instances.length} instance(s); sending ${o.ratePerSec} orders/s for ${o.durationSec} s`,
  );

  // Open loop: orders go out on schedule whatever the server's pace (slow answers queue up, as in life).
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const tables = o.fixture.tables;
  const total = Math.round(o.ratePerSec * o.durationSec);
  const postLat: number[] = [];
  const statuses: Record<string, number> = {};
  const acceptedSeqs: number[] = [];
  let created = 0;
  let postErrors = 0;
  let answered = 0;
  const run = randomBytes(4).toString('hex');
  /** POSTs order `seq` (note and idempotency key carry `tag`) to its instance; returns the request. */
  const post = (seq: number, tag: string) => {
    const t = tables[seq % tables.length];
    const base = o.instances[seq % o.instances.length]?.baseUrl;
    if (!t || !base) return undefined;
    const body = orderBody(t, seq, `${tag}-${seq}`);
    const req = request(`${base}/api/v1/table/orders`, {
      method: 'POST',
      agent,
      headers: {
        authorization: `Bearer ${t.token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'idempotency-key': `${tag}-${run}-${seq}`,
      },
    });
    req.end(body);
    return { req, table: t };
  };
  const send = (seq: number) => {
    const sent = post(seq, o.tag);
    if (!sent) return;
    const { req } = sent;
    orderTable[seq] = sent.table;
    postedTo[seq] = seq % o.instances.length;
    const started = nowMs();
    sendAt[seq] = started;
    req.on('response', (res) => {
      statuses[res.statusCode ?? 0] = (statuses[res.statusCode ?? 0] ?? 0) + 1;
      if (res.statusCode === 201) {
        created++;
        acceptedSeqs.push(seq);
      } else postErrors++;
      res.resume();
      res.on('end', () => {
        postLat.push(nowMs() - started);
        answered++;
      });
    });
    req.on('error', () => {
      postErrors++;
      answered++;
    });
  };
  // Warm-up, untimed and ignored by the streams' counters (another note tag): half the rate for 2 s,
  // so the figures describe the running server, not its JIT compiling the order path.
  let warmAnswered = 0;
  const warmTotal = Math.round(o.ratePerSec);
  await openLoop(o.ratePerSec / 2, warmTotal, (seq) => {
    const sent = post(seq, `${o.tag}w`);
    sent?.req.on('response', (res) => {
      res.resume();
      res.on('end', () => warmAnswered++);
    });
    sent?.req.on('error', () => warmAnswered++);
  });
  const warmStart = nowMs();
  while (warmAnswered < warmTotal && nowMs() - warmStart < 60_000)
    await new Promise((r) => setTimeout(r, 50));
  await new Promise((r) => setTimeout(r, 500));

  const sendSec = await openLoop(o.ratePerSec, total, send);

  // Every order answered first (an overloaded server works through its queue), so the next run starts
  // on an idle server; then the orders that exist in the database are the deliveries every matching
  // stream must have received, exactly once.
  const drainStart = nowMs();
  while (answered < total && nowMs() - drainStart < 180_000) await new Promise((r) => setTimeout(r, 50));
  const stored = await storedSeqs(o.fixture.databaseUrl, o.tag);
  const expectedPerStore = new Map<StoreFx, number>();
  const expectedPerTable = new Map<TableFx, number>();
  for (const seq of stored) {
    const t = orderTable[seq];
    if (!t) continue;
    expectedPerStore.set(t.store, (expectedPerStore.get(t.store) ?? 0) + 1);
    expectedPerTable.set(t, (expectedPerTable.get(t) ?? 0) + 1);
  }
  const expected = (w: Watched) =>
    w.table ? (expectedPerTable.get(w.table) ?? 0) : (expectedPerStore.get(w.store) ?? 0);
  const deliveryStart = nowMs();
  while (nowMs() - deliveryStart < 15_000) {
    if (watched.every((w) => w.seen.size >= expected(w) || w.stream.ended)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const drainMs = nowMs() - drainStart;
  agent.destroy();

  let missing = 0;
  let doubled = 0;
  let foreign = 0;
  let endedEarly = 0;
  let notStored = 0;
  const missingBy: Record<
    string,
    { streams: number; deliveries: number; postedTo: Record<number, number>; sample: unknown[] }
  > = {};
  for (const w of watched) {
    if (w.stream.ended) endedEarly++;
    foreign += w.foreign;
    for (const n of w.seen.values()) if (n > 1) doubled += n - 1;
    // Only orders that were created can be delivered.
    for (const seq of w.seen.keys()) if (!stored.has(seq)) notStored++;
    const short = Math.max(0, expected(w) - w.seen.size);
    missing += short;
    if (short > 0) {
      // Which orders this stream never got, and where they were posted: the trail for a lost delivery.
      const lost = [...stored].filter(
        (q) => orderTable[q]?.store === w.store && (!w.table || orderTable[q] === w.table) && !w.seen.has(q),
      );
      const key = `${w.kind}@${w.instance}`;
      const entry = (missingBy[key] ??= { streams: 0, deliveries: 0, postedTo: {}, sample: [] });
      entry.streams++;
      entry.deliveries += lost.length;
      for (const q of lost) entry.postedTo[postedTo[q] ?? -1] = (entry.postedTo[postedTo[q] ?? -1] ?? 0) + 1;
      if (entry.sample.length < 5)
        entry.sample.push({
          store: w.store.id,
          table: w.table?.id,
          seqs: lost.slice(0, 10),
          lastEventId: w.stream.lastEventId,
        });
    }
    w.stream.close();
  }
  if (missing > 0) o.log(`missing deliveries: ${JSON.stringify(missingBy)}`);
  return {
    sent: total,
    created,
    postErrors,
    postStatuses: statuses,
    achievedRate: total / sendSec,
    post: summary(postLat),
    dashboard: summary(dashLat),
    dashboardCross: summary(crossLat),
    tablet: summary(tabletLat),
    streams: {
      dashboards: watched.filter((w) => w.kind === 'dashboard').length,
      tablets: watched.filter((w) => w.kind === 'tablet').length,
      endedEarly,
    },
    missing,
    missingBy,
    doubled,
    foreign,
    drainMs,
    stored: stored.size,
    acceptedNotStored: acceptedSeqs.filter((q) => !stored.has(q)).length,
    deliveredNotStored: notStored,
  };
}
