// Simulated tablets: each orders steadily, one cart at a time, and retries a failed submission with the
// same Idempotency-Key until it is acknowledged (as the tablet app does).
import { randomUUID } from 'node:crypto';
import { http } from './http.js';
import { rng, sleep } from './common.js';

export interface TabletSpec {
  tableId: number;
  token: string;
}

export interface OrderBody {
  items: { menuItemId: number; quantity: number }[];
  note?: string;
}

/** One HTTP attempt to place an order. */
export interface Attempt {
  key: string;
  tableId: number;
  /** ms since the fleet started. */
  at: number;
  ms: number;
  /** HTTP status, or `network` (refused/reset) or `timeout` (no answer within the client timeout). */
  status: number | 'network' | 'timeout';
  retryAfter: string | null;
  replayed: boolean;
  orderId?: number;
}

export interface Acknowledged {
  key: string;
  tableId: number;
  body: OrderBody;
  orderId: number;
  orderNumber: string;
  totalAmount: number;
  /** Attempts it took (1 = first try). */
  attempts: number;
  /** performance.now() when the 201 arrived. */
  ackedAt: number;
}

export interface FleetOptions {
  base: string;
  tablets: TabletSpec[];
  itemIds: number[];
  /** Pause between two carts of one tablet, ms (uniform in the range). */
  thinkMs: [number, number];
  /** Pause before retrying a failed submission, ms. */
  retryMs: number;
  /** Client-side timeout of one attempt, ms. */
  timeoutMs: number;
}

export class TabletFleet {
  readonly attempts: Attempt[] = [];
  readonly acknowledged = new Map<string, Acknowledged>();
  /** Keys whose submission was never acknowledged (only when `stop` gave up on them). */
  readonly abandoned = new Map<string, { tableId: number; body: OrderBody }>();
  /** A 201 that named a different order than an earlier 201 for the same key. */
  readonly conflicts: string[] = [];
  private stopping = false;
  private giveUpAt = Infinity;
  private readonly t0 = performance.now();
  private loops: Promise<void>[] = [];

  constructor(private readonly opts: FleetOptions) {}

  now(): number {
    return performance.now() - this.t0;
  }

  start(): void {
    this.loops = this.opts.tablets.map((t, i) => this.loop(t, rng(1000 + i)));
  }

  /** Stops new carts; pending submissions keep retrying for up to `graceMs`, then are abandoned. */
  async stop(graceMs = 20_000): Promise<void> {
    this.stopping = true;
    this.giveUpAt = this.now() + graceMs;
    await Promise.all(this.loops);
  }

  /** Sends one attempt for a key (also used to replay acknowledged keys after the fault). */
  async attempt(tableId: number, token: string, key: string, body: OrderBody): Promise<Attempt> {
    const at = this.now();
    let a: Attempt;
    try {
      const r = await http(this.opts.base, 'POST', '/api/v1/table/orders', {
        token,
        body,
        headers: { 'idempotency-key': key },
        timeoutMs: this.opts.timeoutMs,
      });
      const parsed =
        r.status === 201 ? r.json<{ id: number; orderNumber: string; totalAmount: number }>() : undefined;
      a = {
        key,
        tableId,
        at,
        ms: r.ms,
        status: r.status,
        retryAfter: r.headers.get('retry-after'),
        replayed: r.headers.get('idempotent-replayed') === 'true',
        ...(parsed ? { orderId: parsed.id } : {}),
      };
      if (parsed) {
        const earlier = this.acknowledged.get(key);
        if (earlier && earlier.orderId !== parsed.id) {
          this.conflicts.push(`${key}: ${earlier.orderId} then ${parsed.id}`);
        }
        if (!earlier) {
          this.acknowledged.set(key, {
            key,
            tableId,
            body,
            orderId: parsed.id,
            orderNumber: parsed.orderNumber,
            totalAmount: parsed.totalAmount,
            attempts: this.attempts.filter((x) => x.key === key).length + 1,
            ackedAt: performance.now(),
          });
        }
      }
    } catch (err) {
      const name = (err as { name?: string }).name;
      a = {
        key,
        tableId,
        at,
        ms: this.now() - at,
        status: name === 'TimeoutError' || name === 'AbortError' ? 'timeout' : 'network',
        retryAfter: null,
        replayed: false,
      };
    }
    this.attempts.push(a);
    return a;
  }

  private async loop(tablet: TabletSpec, random: () => number): Promise<void> {
    const { itemIds, thinkMs } = this.opts;
    // Spread the first carts over the first think interval.
    await sleep(random() * thinkMs[1]);
    while (!this.stopping) {
      const lines = 1 + Math.floor(random() * 3);
      const body: OrderBody = {
        items: Array.from({ length: lines }, () => ({
          menuItemId: itemIds[Math.floor(random() * itemIds.length)] as number,
          quantity: 1 + Math.floor(random() * 3),
        })),
      };
      const key = randomUUID();
      for (;;) {
        const a = await this.attempt(tablet.tableId, tablet.token, key, body);
        if (a.status === 201) break;
        const retryable =
          a.status === 'network' || a.status === 'timeout' || a.status === 503 || a.status === 502;
        if (!retryable) break; // recorded; the suite asserts there are none
        if (this.now() > this.giveUpAt) {
          this.abandoned.set(key, { tableId: tablet.tableId, body });
          break;
        }
        await sleep(this.opts.retryMs);
      }
      await sleep(thinkMs[0] + random() * (thinkMs[1] - thinkMs[0]));
    }
  }

  /** Attempts counted by status (`201`, `503`, `network`, …). */
  statusCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const a of this.attempts) out[String(a.status)] = (out[String(a.status)] ?? 0) + 1;
    return out;
  }
}
