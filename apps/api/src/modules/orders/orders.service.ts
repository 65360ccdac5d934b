import {
  isForwardStatus,
  type AuditEntry,
  type CheckoutResult,
  type Dashboard,
  type HistoryPage,
  type HistoryQuery,
  type Order,
  type OrderCreateBody,
  type OrderStatus,
  type TableOrderCounts,
} from '@table-order/contracts';
import { AUDIT_ACTIONS } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import type { Trx } from '../../infra/db.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { Errors } from '../../shared/errors.js';
import { addDays, iso, localDate, startOfLocalDate } from '../../shared/time.js';
import { auditOf, recordAudit, type Actor, type AuditRecord } from '../audit/index.js';
import { closeOpenCalls } from '../calls/index.js';
import { payloadJson, writeWithEvent, writeWithEvents } from '../events/index.js';
import { enqueueBill, enqueueOrderTickets } from '../printers/index.js';
import { recordOrders, salesAfter, salesBefore } from '../reports/index.js';
import { storeTimeZone } from '../stores/index.js';
import { claimForSession, clearSession, findTable, findTables, listTables } from '../tables/index.js';
import { orderNumber, orderTotal, orderedItemIds, priceLines, requestHash } from './order-lines.js';
import { StoreBatcher } from './order-batcher.js';
import { KeyLookups } from './key-lookups.js';
import { OrderMenuCache } from './order-menu.js';
import type { OrderLineValues } from './order-lines.js';
import * as repo from './orders.repository.js';

/** Orders of one store written in one transaction at most (see StoreBatcher). */
const ORDER_BATCH_MAX = 64;

/** An order validated and priced, waiting for its store's lock. */
interface PendingOrder {
  tableId: number;
  note: string;
  lines: OrderLineValues[];
  idempotencyKey: string | undefined;
  hash: string;
}

/**
 * The per-order step inside the locked transaction that places orders: runs once per order, after its
 * row and lines are written, before the batch's order.created events and commit. Rows that must commit
 * with each placed order (summaries, print jobs…) are written here; when it throws, the order's batch
 * is rolled back and its orders written again one by one, so only that order fails.
 */
export async function writeOrderRows(ctx: AppContext, trx: Trx, input: OrderRowsInput): Promise<void> {
  // Kitchen tickets (SPEC 15) commit with the order; no query when the store has no printer.
  await enqueueOrderTickets(ctx, trx, input);
}

/** What the per-order step knows about the order it runs for. */
export interface OrderRowsInput {
  storeId: number;
  order: Order;
  timeZone: string;
  now: number;
}

/** The result of placing an order: `replayed` when an earlier request with the same key made it. */
export interface PlacedOrder {
  order: Order;
  replayed: boolean;
  /** The order as JSON text when it was just placed: the same text its order.created event carries. */
  json?: string;
}

/** Orders, dining sessions (open on first order, close on checkout), history and the live board. */
export class OrdersService {
  /** Each store's orderable menu per menu version: orders price from memory. */
  private readonly menus: OrderMenuCache;

  /**
   * Orders waiting for their store's lock, written in batches (group commit: see StoreBatcher); each
   * still answers and fails on its own.
   */
  private readonly batcher = new StoreBatcher<PendingOrder, PlacedOrder>(
    (storeId, orders) => this.writeOrders(storeId, orders),
    ORDER_BATCH_MAX,
  );

  /** Idempotency lookups, one query per store and I/O phase on MySQL. */
  private readonly keyLookups: KeyLookups;

  constructor(private readonly ctx: AppContext) {
    this.menus = new OrderMenuCache(ctx);
    this.keyLookups = new KeyLookups(ctx);
  }

  /**
   * Places an order for a table; prices and names come from the menu at this moment. What needs no lock
   * happens first (the idempotency lookup, validation and pricing from the menu kept per menu version
   * (OrderMenuCache): bad input is a 4xx
   * before the store lock is taken); then the order joins its store's next batch.
   */
  async place(
    storeId: number,
    tableId: number,
    body: OrderCreateBody,
    idempotencyKey?: string,
  ): Promise<PlacedOrder> {
    const hash = requestHash(body);
    if (idempotencyKey) {
      const earlier = await this.replay(storeId, tableId, idempotencyKey, hash);
      if (earlier) return earlier;
    }
    const { menu, options } = await this.menus.read(storeId, orderedItemIds(body.items));
    const lines = priceLines(body.items, menu, options);
    try {
      return await this.batcher.submit(storeId, {
        tableId,
        note: body.note ?? '',
        lines,
        idempotencyKey,
        hash,
      });
    } catch (err) {
      // Two requests with one key raced: the loser answers with the winner's order.
      if (idempotencyKey && isUniqueViolation(err)) {
        const earlier = await this.replay(storeId, tableId, idempotencyKey, hash);
        if (earlier) return earlier;
      }
      throw err;
    }
  }

  /**
   * Writes priced orders of one store in one transaction under the store lock: their tables read in one
   * query, their day numbers and event ids taken as consecutive blocks, each order's rows (writeOrderRows),
   * their order.created events in one insert, one commit. All or nothing (the batcher retries one by one).
   */
  private async writeOrders(storeId: number, pending: PendingOrder[]): Promise<PlacedOrder[]> {
    const { events } = await writeWithEvents(
      this.ctx,
      storeId,
      pending.length,
      async ({ trx, now, timeZone }) => {
        const tables = await findTables(trx, storeId, [...new Set(pending.map((p) => p.tableId))]);
        const date = localDate(now, timeZone).replaceAll('-', '');
        const firstSeq = await repo.nextOrderSeqs(trx, this.ctx.dialect, storeId, date, pending.length);
        const rows = [];
        for (const [i, p] of pending.entries()) {
          const table = tables.get(p.tableId);
          if (!table) throw Errors.tokenRevoked('This table no longer exists.');
          // A table's first order opens its session; its next orders in the batch join it.
          table.session_id ??= await this.openSession(trx, storeId, p.tableId, now);
          const seq = firstSeq + i;
          rows.push({
            values: {
              store_id: storeId,
              table_id: p.tableId,
              table_number: table.number,
              session_id: table.session_id,
              order_date: date,
              seq,
              order_number: orderNumber(date, seq),
              status: 'pending',
              note: p.note,
              total_amount: orderTotal(p.lines),
              idempotency_key: p.idempotencyKey ?? null,
              request_hash: p.idempotencyKey ? p.hash : null,
              created_at: now,
              updated_at: now,
            },
            lines: p.lines,
          });
        }
        const ids = await repo.insertOrders(trx, this.ctx.dialect, rows);
        const orders: Order[] = [];
        for (const [i, { values, lines }] of rows.entries()) {
          const { orderId: id, lineIds } = ids[i] ?? fail();
          const order = toOrder(
            { ...values, id, completed_at: null },
            lines.map((l, k) => ({ ...l, order_id: id, id: lineIds[k] ?? fail(), cancelled_quantity: 0 })),
          );
          await writeOrderRows(this.ctx, trx, { storeId, order, timeZone, now });
          orders.push(order);
        }
        // Sales summaries (reports/sales-ledger.ts): the batch's orders added in one upsert per table.
        await recordOrders(trx, storeId, timeZone, rows);
        return {
          result: undefined,
          events: orders.map((order) => ({
            type: 'order.created' as const,
            tableId: order.tableId,
            payload: order,
          })),
        };
      },
    );
    return events.map((event) => ({ order: event.payload, replayed: false, json: payloadJson(event) }));
  }

  private async replay(
    storeId: number,
    tableId: number,
    key: string,
    hash: string,
  ): Promise<PlacedOrder | undefined> {
    const row = await this.keyLookups.find(storeId, tableId, key);
    if (!row) return undefined;
    if (row.request_hash !== hash) throw Errors.idempotencyKeyReused();
    return { order: (await this.withItems([row]))[0] ?? fail(), replayed: true };
  }

  /**
   * Live orders of the table's open session, newest first (empty when idle); for an admin (`audit`),
   * each with its audit trail.
   */
  async currentOrders(storeId: number, tableId: number, opts: { audit?: boolean } = {}): Promise<Order[]> {
    const table = await findTable(this.ctx.db, storeId, tableId);
    if (!table) throw Errors.notFound('Table');
    if (table.session_id === null) return [];
    return this.withItems(await repo.sessionOrders(this.ctx.db, table.session_id), opts);
  }

  /** One order with its lines and audit trail (the admin's order detail). */
  async get(storeId: number, id: number): Promise<Order> {
    const row = await repo.findOrder(this.ctx.db, storeId, id);
    if (!row) throw Errors.notFound('Order');
    return (await this.withItems([row], { audit: true }))[0] ?? fail();
  }

  /** Moves an order forward (skipping allowed); backward is 409, the same status a no-op. */
  async setStatus(storeId: number, id: number, status: OrderStatus, actor: Actor): Promise<Order> {
    await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const row = await repo.findOrder(trx, storeId, id);
      if (!row) throw Errors.notFound('Order');
      const from = row.status as OrderStatus;
      if (from === status) return { result: undefined };
      if (!isForwardStatus(from, status)) throw Errors.invalidStatusTransition(from, status);
      await repo.setStatus(trx, id, status, now);
      await recordAudit(trx, { storeId, subject: 'order', subjectId: id, action: status, actor, now });
      const counts = await this.tableCounts(trx, storeId, row.table_id);
      const payload = { orderId: id, tableId: row.table_id, status, ...counts };
      return { result: undefined, event: { type: 'order.updated', tableId: row.table_id, payload } };
    });
    return this.get(storeId, id);
  }

  /** Correction delete of an order of an open session; answers the table's new total. */
  async remove(storeId: number, id: number, actor: Actor): Promise<{ tableTotal: number }> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const row = await repo.findOrder(trx, storeId, id);
      if (!row) throw Errors.notFound('Order');
      const session = await repo.sessionState(trx, row.session_id);
      if (!session || session.completed_at !== null) throw Errors.sessionClosed();
      const sales = await salesBefore(trx, storeId, { orderIds: [id] }); // sales summaries follow the delete
      await repo.softDeleteOrder(trx, id, now);
      await salesAfter(trx, sales);
      await recordAudit(trx, { storeId, subject: 'order', subjectId: id, action: 'deleted', actor, now });
      const tableTotal = await repo.sessionTotal(trx, row.session_id);
      const counts = toCounts((await repo.sessionSummaries(trx, [row.session_id])).get(row.session_id));
      const payload = { orderId: id, tableId: row.table_id, tableTotal, ...counts };
      return { result: { tableTotal }, event: { type: 'order.deleted', tableId: row.table_id, payload } };
    });
    return result;
  }

  /**
   * Closes the table's session ("이용 완료") and its open staff calls; an idle table is 409. The audit
   * entry is the session's: every order of it shows who checked it out.
   */
  async checkout(storeId: number, tableId: number, actor: Actor): Promise<CheckoutResult> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now, timeZone }) => {
      const table = await findTable(trx, storeId, tableId);
      if (!table) throw Errors.notFound('Table');
      if (table.session_id === null) throw Errors.tableIdle(table.number);
      const total = await repo.sessionTotal(trx, table.session_id);
      await repo.closeSession(trx, table.session_id, total, now);
      const subjectId = table.session_id;
      await recordAudit(trx, { storeId, subject: 'session', subjectId, action: 'checked_out', actor, now });
      await clearSession(trx, tableId);
      await closeOpenCalls(trx, storeId, tableId, now);
      // The bill on the receipt printer (SPEC 15) when one is enabled; the orders are read only then.
      const orders = () => this.ordersOf(trx, subjectId);
      await enqueueBill(this.ctx, trx, { storeId, tableNumber: table.number, timeZone, now, total, orders });
      const payload = { tableId, sessionId: table.session_id, completedAt: iso(now) };
      return {
        result: { sessionId: payload.sessionId, completedAt: payload.completedAt, total },
        event: { type: 'table.checked_out', tableId, payload },
      };
    });
    return result;
  }

  /** Past (checked-out) orders of a table, newest first, filtered by local completion date. */
  async history(storeId: number, tableId: number, q: HistoryQuery): Promise<HistoryPage> {
    const table = await findTable(this.ctx.db, storeId, tableId);
    if (!table) throw Errors.notFound('Table');
    const tz = await storeTimeZone(this.ctx.db, storeId);
    const to = q.to ?? localDate(this.ctx.clock.now(), tz);
    const from = q.from ?? addDays(to, -6);
    if (from > to)
      throw Errors.validationFailed('from must not be after to.', [{ field: 'from', message: 'after to' }]);
    const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
    const rows = await repo.historyPage(
      this.ctx.db,
      tableId,
      startOfLocalDate(from, tz),
      startOfLocalDate(addDays(to, 1), tz),
      after,
      q.limit + 1,
    );
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const nextCursor =
      rows.length > q.limit && last?.completed_at != null ? encodeCursor(last.completed_at, last.id) : null;
    return { orders: await this.withItems(page, { audit: true }), nextCursor };
  }

  /**
   * Every live table in number order with its open session's total, count, latest 3 orders, its oldest
   * pending order (so a board after reload shows it even when it is older than those 3) and what
   * needs attention (pending and preparing counts, the oldest pending order's time) over all its orders.
   */
  async dashboard(storeId: number): Promise<Dashboard> {
    const tables = await listTables(this.ctx.db, storeId);
    const sessionIds = tables.flatMap((t) => (t.session_id === null ? [] : [t.session_id]));
    const [totals, latest, oldestPending] = await Promise.all([
      repo.sessionSummaries(this.ctx.db, sessionIds),
      repo.latestOrdersPerSession(this.ctx.db, sessionIds, 3),
      repo.oldestPendingPerSession(this.ctx.db, sessionIds),
    ]);
    const latestIds = new Set(latest.map((r) => r.id));
    const orders = await this.withItems([...latest, ...oldestPending.filter((r) => !latestIds.has(r.id))]);
    const byId = new Map(orders.map((o) => [o.id, o]));
    const bySession = new Map<number, Order[]>();
    for (const r of latest) {
      const o = byId.get(r.id) ?? fail();
      bySession.set(o.sessionId, [...(bySession.get(o.sessionId) ?? []), o]);
    }
    const oldestBySession = new Map(oldestPending.map((r) => [r.session_id, byId.get(r.id) ?? fail()]));
    return {
      tables: tables.map((t) => {
        const agg = t.session_id === null ? undefined : totals.get(t.session_id);
        return {
          id: t.id,
          number: t.number,
          sessionId: t.session_id,
          totalAmount: agg?.total ?? 0,
          orderCount: agg?.count ?? 0,
          latestOrders: t.session_id === null ? [] : (bySession.get(t.session_id) ?? []),
          oldestPendingOrder: t.session_id === null ? null : (oldestBySession.get(t.session_id) ?? null),
          ...toCounts(agg),
        };
      }),
    };
  }

  /** The counts of the table's open session as they are now (an order's status may change after checkout). */
  private async tableCounts(trx: Trx, storeId: number, tableId: number): Promise<TableOrderCounts> {
    const sessionId = (await findTable(trx, storeId, tableId))?.session_id ?? null;
    if (sessionId === null) return toCounts(undefined);
    return toCounts((await repo.sessionSummaries(trx, [sessionId])).get(sessionId));
  }

  /**
   * Opens a dining session for an idle table and links the table to it. The link is conditional: a table
   * deleted since it was read (a delete racing this first order) is not linked, and the whole order is
   * refused (401, as the table's tokens were revoked) instead of landing in a session nothing shows.
   */
  private async openSession(trx: Trx, storeId: number, tableId: number, now: number): Promise<number> {
    const sessionId = await repo.insertSession(trx, storeId, tableId, now);
    if (!(await claimForSession(trx, tableId, sessionId)))
      throw Errors.tokenRevoked('This table no longer exists.');
    return sessionId;
  }

  /** A session's live orders with their lines, read in the caller's transaction. */
  private async ordersOf(trx: Trx, sessionId: number): Promise<Order[]> {
    const rows = await repo.sessionOrders(trx, sessionId);
    const items = await repo.itemsOf(
      trx,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toOrder(r, items.get(r.id) ?? []));
  }

  /** The orders with their lines; with `audit`, also who did what to each (admin views). */
  private async withItems(rows: repo.OrderRow[], opts: { audit?: boolean } = {}): Promise<Order[]> {
    const ids = rows.map((r) => r.id);
    const items = await repo.itemsOf(this.ctx.db, ids);
    if (!opts.audit || rows.length === 0) return rows.map((r) => toOrder(r, items.get(r.id) ?? []));
    const storeId = rows[0]?.store_id ?? fail();
    const [byOrder, bySession] = await Promise.all([
      auditOf(this.ctx.db, storeId, 'order', ids),
      auditOf(
        this.ctx.db,
        storeId,
        'session',
        rows.map((r) => r.session_id),
      ),
    ]);
    return rows.map((r) => ({
      ...toOrder(r, items.get(r.id) ?? []),
      audit: auditTrail(r, [...(byOrder.get(r.id) ?? []), ...(bySession.get(r.session_id) ?? [])]),
    }));
  }
}

function toCounts(s: repo.SessionSummary | undefined): TableOrderCounts {
  return {
    pendingCount: s?.pendingCount ?? 0,
    preparingCount: s?.preparingCount ?? 0,
    oldestPendingAt: s?.oldestPendingAt == null ? null : iso(s.oldestPendingAt),
  };
}

/**
 * An order as the API shows it. A line cancelled to 0 is left out of `items` (SPEC 12); `amended` says
 * staff cancelled some of its lines.
 */
export function toOrder(r: Omit<repo.OrderRow, 'request_hash'>, items: repo.StoredItemRow[]): Order {
  const amended = items.some((i) => Number(i.cancelled_quantity) > 0);
  return {
    id: r.id,
    orderNumber: r.order_number,
    tableId: r.table_id,
    tableNumber: r.table_number,
    sessionId: r.session_id,
    status: r.status as OrderStatus,
    note: r.note,
    totalAmount: r.total_amount,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
    completedAt: r.completed_at === null ? null : iso(r.completed_at),
    items: items
      .filter((i) => i.quantity > 0)
      .map((i) => ({
        id: i.id,
        menuItemId: i.menu_item_id,
        name: i.name,
        unitPrice: i.unit_price,
        quantity: i.quantity,
        subtotal: i.subtotal,
        options: i.options,
        cancelledQuantity: Number(i.cancelled_quantity),
      })),
    ...(amended ? { amended } : {}),
  };
}

/** An order's trail: placed by its table, then what accounts did to it and its session, oldest first. */
function auditTrail(order: Pick<repo.OrderRow, 'created_at'>, records: AuditRecord[]): AuditEntry[] {
  const sorted = records.sort((a, b) => a.at - b.at || a.id - b.id);
  return [
    { action: 'created', username: null, at: iso(order.created_at) },
    ...sorted.flatMap((r): AuditEntry[] =>
      isAuditAction(r.action) ? [{ action: r.action, username: r.username, at: iso(r.at) }] : [],
    ),
  ];
}

const isAuditAction = (a: string): a is AuditEntry['action'] =>
  (AUDIT_ACTIONS as readonly string[]).includes(a);

function encodeCursor(completedAt: number, id: number): string {
  return Buffer.from(`${completedAt}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { completedAt: number; id: number } {
  const m = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m)
    throw Errors.validationFailed('The cursor is not valid.', [
      { field: 'cursor', message: 'invalid cursor' },
    ]);
  return { completedAt: Number(m[1]), id: Number(m[2]) };
}

function fail(): never {
  throw new Error('unreachable');
}
