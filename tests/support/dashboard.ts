// A dashboard as the admin app runs it: open the store's live stream, load the snapshot, apply events;
// when the stream ends, reconnect with Last-Event-ID (on `resync`, reload the snapshot). It keeps every
// order it sees, so it starts on a store whose tables hold at most 3 orders each (all the snapshot lists).
import type { Dashboard, Order } from '@table-order/contracts';
import { SseClient, type SseMessage } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { http } from './http.js';
import { sleep } from './common.js';

interface TableState {
  id: number;
  number: number;
  sessionId: number | null;
  orders: Map<number, Order>;
  /** Total as of the last order.deleted event (orders created later add to it). */
  total: number;
}

/** The comparable part of a dashboard: per table, session, total, count and latest 3 order ids. */
export interface BoardView {
  tables: {
    id: number;
    sessionId: number | null;
    totalAmount: number;
    orderCount: number;
    latest: number[];
  }[];
}

export function viewOf(board: Dashboard): BoardView {
  return {
    tables: board.tables.map((t) => ({
      id: t.id,
      sessionId: t.sessionId,
      totalAmount: t.totalAmount,
      orderCount: t.orderCount,
      latest: t.latestOrders.map((o) => o.id),
    })),
  };
}

export class DashboardFollower {
  /** Every message received, over every connection. */
  readonly messages: SseMessage[] = [];
  /** performance.now() when each order's order.created first arrived. */
  readonly arrivals = new Map<number, number>();
  /** Connections opened (1 + reconnects). */
  connections = 0;
  resyncs = 0;
  private tables = new Map<number, TableState>();
  private current: SseClient | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastEventId = '';

  constructor(
    private readonly base: () => string,
    private readonly token: string,
    private readonly reconnectMs = 250,
  ) {}

  /** Opens the stream, then loads the snapshot (so no event falls between the two). */
  async start(): Promise<void> {
    this.running = true;
    await this.connect();
    await this.loadSnapshot();
    this.loop = this.follow();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.current?.close();
    await this.loop;
  }

  /** order.created ids in arrival order (duplicates included, to be checked by the caller). */
  createdIds(): number[] {
    return this.messages
      .filter((m) => m.event === 'order.created')
      .map((m) => (JSON.parse(m.data) as { id: number }).id);
  }

  /** Waits until every id in `ids` has arrived as order.created. */
  async waitForOrders(ids: Iterable<number>, timeoutMs: number): Promise<boolean> {
    const want = [...ids];
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const got = new Set(this.createdIds());
      if (want.every((id) => got.has(id))) return true;
      await sleep(100);
    }
    return false;
  }

  /** The board this client shows. */
  view(): BoardView {
    return {
      tables: [...this.tables.values()]
        .sort((a, b) => a.number - b.number)
        .map((t) => {
          const orders = [...t.orders.values()].sort(
            (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id,
          );
          return {
            id: t.id,
            sessionId: t.sessionId,
            totalAmount: t.total,
            orderCount: orders.length,
            latest: orders.slice(0, 3).map((o) => o.id),
          };
        }),
    };
  }

  private async connect(): Promise<void> {
    for (;;) {
      try {
        const opened = await SseClient.open(`${this.base()}/api/v1/admin/events`, {
          token: this.token,
          ...(this.lastEventId ? { lastEventId: this.lastEventId } : {}),
        });
        if (opened.status === 200 && opened.client) {
          this.current = opened.client;
          this.connections++;
          return;
        }
      } catch {
        // server down or restarting: try again
      }
      if (!this.running) return;
      await sleep(this.reconnectMs);
    }
  }

  private async loadSnapshot(): Promise<void> {
    for (;;) {
      try {
        const r = await http(this.base(), 'GET', '/api/v1/admin/dashboard', { token: this.token });
        if (r.status === 200) {
          this.applySnapshot(r.json<Dashboard>());
          return;
        }
      } catch {
        // retry
      }
      await sleep(this.reconnectMs);
    }
  }

  private applySnapshot(board: Dashboard): void {
    this.tables = new Map(
      board.tables.map((t) => [
        t.id,
        {
          id: t.id,
          number: t.number,
          sessionId: t.sessionId,
          orders: new Map(t.latestOrders.map((o) => [o.id, o])),
          total: t.totalAmount,
        },
      ]),
    );
    // The snapshot lists the latest 3 orders of a table: a table with more cannot be followed exactly.
    const partial = board.tables.find((t) => t.orderCount > t.latestOrders.length);
    if (partial) throw new Error(`table ${partial.number} has more orders than the snapshot lists`);
  }

  private async follow(): Promise<void> {
    while (this.running) {
      const c = this.current;
      if (!c) return;
      let consumed = 0;
      while (this.running && !(c.ended && consumed >= c.messages.length)) {
        while (consumed < c.messages.length) {
          const m = c.messages[consumed++] as SseMessage;
          this.messages.push(m);
          if (m.event === 'order.created') {
            const id = (JSON.parse(m.data) as { id: number }).id;
            if (!this.arrivals.has(id)) this.arrivals.set(id, performance.now());
          }
          if (m.event === 'resync') {
            this.resyncs++;
            await this.loadSnapshot();
          } else this.apply(m);
        }
        this.lastEventId = c.lastEventId || this.lastEventId;
        if (!c.ended) await sleep(20);
      }
      this.lastEventId = c.lastEventId || this.lastEventId;
      if (!this.running) return;
      await this.connect();
    }
  }

  private apply(m: SseMessage): void {
    const data = JSON.parse(m.data) as Record<string, unknown>;
    switch (m.event) {
      case 'order.created': {
        const o = data as unknown as Order;
        const t = this.tables.get(o.tableId);
        if (!t || t.orders.has(o.id)) return;
        t.sessionId = o.sessionId;
        t.orders.set(o.id, o);
        t.total += o.totalAmount;
        return;
      }
      case 'order.updated': {
        const t = this.tables.get(data.tableId as number);
        const o = t?.orders.get(data.orderId as number);
        if (o) o.status = data.status as Order['status'];
        return;
      }
      case 'order.deleted': {
        const t = this.tables.get(data.tableId as number);
        if (!t) return;
        t.orders.delete(data.orderId as number);
        t.total = data.tableTotal as number;
        return;
      }
      case 'table.checked_out': {
        const t = this.tables.get(data.tableId as number);
        if (!t) return;
        t.sessionId = null;
        t.orders.clear();
        t.total = 0;
        return;
      }
      default:
        return;
    }
  }
}
