// Simulated tablets that run the tablet app's own outbox (apps/customer/src/orders/outbox.ts) and its own
// API client (TableSession, createOrder) in Node, with localStorage replaced by a Map: an order that gets
// no answer is queued with its key and sent from the outbox, exactly as in the browser.
import { randomUUID } from 'node:crypto';
import type { Order, OrderCreateBody } from '@table-order/contracts';
import { ApiError } from '../../apps/customer/src/shared/api/errors.js';
import { TableSession } from '../../apps/customer/src/shared/api/table-session.js';
import { createOrder } from '../../apps/customer/src/orders/send-order.js';
import {
  Outbox,
  OutboxSender,
  OutboxStore,
  isNoAnswer,
  outboxKey,
} from '../../apps/customer/src/orders/outbox.js';
import { sleep } from './common.js';
import type { Acknowledged } from './tablets.js';

/** localStorage's three methods the outbox uses, over a Map (one per tablet, like one browser each). */
export class MemoryStorage {
  private readonly map = new Map<string, string>();
  getItem(key: string): string | null {
    return this.map.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.map.set(key, value);
  }
  removeItem(key: string): void {
    this.map.delete(key);
  }
}

export interface ConfirmedOrder {
  key: string;
  tableId: number;
  body: OrderCreateBody;
  /** performance.now() when the guest confirmed it. */
  confirmedAt: number;
  /** Whether it went through the outbox (no answer, or queued behind earlier ones). */
  queued: boolean;
}

/** One tablet: its own session, cart submissions, outbox and sender. */
export class OutboxTablet {
  readonly confirmed: ConfirmedOrder[] = [];
  readonly delivered = new Map<string, Order>();
  readonly refused: { key: string; err: ApiError }[] = [];
  /** performance.now() when each key's order was delivered. */
  readonly deliveredAt = new Map<string, number>();
  /** HTTP requests for orders this tablet made (direct and from the outbox). */
  orderRequests = 0;
  /** Answers that were replays: the order had been placed by an earlier request whose answer was lost. */
  replayedAnswers = 0;
  readonly outbox: Outbox;
  readonly sender: OutboxSender;
  private readonly session: TableSession;

  constructor(
    base: string,
    storeIdentifier: string,
    password: string,
    readonly table: { id: number; number: number },
  ) {
    const fetchFn: typeof fetch = (input, init) => {
      const path = typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;
      if (!(path.endsWith('/table/orders') && init?.method === 'POST')) return fetch(`${base}${path}`, init);
      this.orderRequests++;
      return fetch(`${base}${path}`, init).then((res) => {
        if (res.headers.get('idempotent-replayed') === 'true') this.replayedAnswers++;
        return res;
      });
    };
    this.session = new TableSession({ storeIdentifier, tableNumber: table.number, password }, null, {
      fetch: fetchFn,
    });
    const storage = new MemoryStorage();
    this.outbox = new Outbox({
      store: new OutboxStore(storage, outboxKey(storeIdentifier, table.number)),
      send: (body, key) => createOrder(this.session, body, key),
      onDelivered: (entry, order) => {
        this.delivered.set(entry.key, order);
        this.deliveredAt.set(entry.key, performance.now());
      },
      onRefused: (entry, err) => {
        this.refused.push({ key: entry.key, err });
      },
    });
    this.sender = new OutboxSender(this.outbox);
  }

  /** Logs the tablet in (as the app does on start). */
  async start(): Promise<void> {
    await this.session.login();
  }

  /** The guest confirms a cart: sent directly when nothing waits, else (or without an answer) queued. */
  async confirm(body: OrderCreateBody): Promise<void> {
    const key = randomUUID();
    const confirmedAt = performance.now();
    const lines = body.items.map((i) => ({
      menuItemId: i.menuItemId,
      name: `item ${i.menuItemId}`,
      unitPrice: 0,
      quantity: i.quantity,
      options: [],
    }));
    const queue = () => {
      this.confirmed.push({ key, tableId: this.table.id, body, confirmedAt, queued: true });
      if (!this.outbox.enqueue({ key, body, lines, amount: 0 })) throw new Error('outbox refused');
      void this.sender.kick();
    };
    if (this.outbox.entries().length > 0) {
      queue();
      return;
    }
    try {
      const order = await createOrder(this.session, body, key);
      this.confirmed.push({ key, tableId: this.table.id, body, confirmedAt, queued: false });
      this.delivered.set(key, order);
      this.deliveredAt.set(key, performance.now());
    } catch (err) {
      if (isNoAnswer(err)) queue();
      else {
        // A refusal is the guest's to see; it is not a confirmed order.
        if (err instanceof ApiError) this.refused.push({ key, err });
        else throw err;
      }
    }
  }

  pending(): number {
    return this.outbox.entries().length;
  }

  stop(): void {
    this.sender.stop();
  }

  /** Every confirmed order that reached the server, as the fault bed's audit reads them. */
  acknowledged(): Acknowledged[] {
    return this.confirmed.flatMap((c) => {
      const o = this.delivered.get(c.key);
      return o
        ? [
            {
              key: c.key,
              tableId: c.tableId,
              body: c.body,
              orderId: o.id,
              orderNumber: o.orderNumber,
              totalAmount: o.totalAmount,
              attempts: 1,
              ackedAt: 0,
            },
          ]
        : [];
    });
  }
}

/** Orders a random cart every `thinkMs` on every tablet until `stop`. */
export class OrderingLoop {
  private running = true;
  private readonly loops: Promise<void>[];

  constructor(tablets: OutboxTablet[], itemIds: number[], thinkMs: [number, number], random: () => number) {
    this.loops = tablets.map(async (tablet) => {
      await sleep(random() * thinkMs[1]);
      while (this.running) {
        const n = 1 + Math.floor(random() * 3);
        const items = itemIds
          .slice()
          .sort(() => random() - 0.5)
          .slice(0, n)
          .map((menuItemId) => ({ menuItemId, quantity: 1 + Math.floor(random() * 3) }));
        await tablet.confirm({ items });
        await sleep(thinkMs[0] + random() * (thinkMs[1] - thinkMs[0]));
      }
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}
