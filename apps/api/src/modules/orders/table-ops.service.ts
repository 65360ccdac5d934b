import type { CancelLinesBody, OrderAmended, TableOpResult } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { Errors } from '../../shared/errors.js';
import { recordAudit, type Actor } from '../audit/index.js';
import { moveOpenCalls } from '../calls/index.js';
import { salesAfter, salesBefore } from '../reports/index.js';
import { writeWithEvent } from '../events/index.js';
import { claimForSession, clearSession, findTable } from '../tables/index.js';
import * as repo from './orders.repository.js';
import type { OrdersService } from './orders.service.js';
import { toOrder } from './orders.service.js';
import * as ops from './table-ops.repository.js';

/**
 * Table operations (SPEC 12): move a party to an idle table, merge one table's party into another's,
 * cancel some of an order's lines. Each is one transaction under the store's write lock
 * (writeWithEvent) with one event, so two operations on one store never interleave: of two moves into
 * one idle table the second finds it busy (409), a merge and a checkout of either table happen one
 * after the other, and a cancel after a delete finds no order (404).
 */
export class TableOpsService {
  constructor(
    private readonly ctx: AppContext,
    private readonly orders: OrdersService,
  ) {}

  /** The open session of `fromTableId`, its orders and open calls move to the idle `toTableId`. */
  async move(storeId: number, fromTableId: number, toTableId: number, actor: Actor): Promise<TableOpResult> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const from = await findTable(trx, storeId, fromTableId);
      const to = await findTable(trx, storeId, toTableId);
      if (!from || !to) throw Errors.notFound('Table');
      if (from.id === to.id) throw sameTable('toTableId', 'A table cannot be moved onto itself.');
      if (from.session_id === null) throw Errors.tableIdle(from.number);
      if (to.session_id !== null)
        throw Errors.tableHasOpenSession(
          to.number,
          `Table ${to.number} is in use: merge the tables instead.`,
        );
      const sessionId = from.session_id;
      // Conditional, like an order's first claim: a table deleted meanwhile is not linked.
      if (!(await claimForSession(trx, to.id, sessionId))) throw Errors.notFound('Table');
      await clearSession(trx, from.id);
      const sales = await salesBefore(trx, storeId, { sessionIds: [sessionId] }); // by-table sales follow
      await ops.moveSession(trx, sessionId, to);
      await salesAfter(trx, sales);
      await moveOpenCalls(trx, storeId, from.id, to);
      await recordAudit(trx, {
        storeId,
        subject: 'session',
        subjectId: sessionId,
        action: 'moved',
        actor,
        now,
      });
      const payload = {
        fromTableId: from.id,
        toTableId: to.id,
        sessionId,
        fromTableNumber: from.number,
        toTableNumber: to.number,
      };
      return { result: payload, event: { type: 'table.moved', tableId: to.id, payload } };
    });
    return result;
  }

  /**
   * The open session of `fromTableId` (its orders, keeping their numbers, and its open calls) joins the
   * session of `intoTableId`, opened for it when idle; the source becomes idle.
   */
  async merge(
    storeId: number,
    intoTableId: number,
    fromTableId: number,
    actor: Actor,
  ): Promise<TableOpResult> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const into = await findTable(trx, storeId, intoTableId);
      const from = await findTable(trx, storeId, fromTableId);
      if (!from || !into) throw Errors.notFound('Table');
      if (from.id === into.id) throw sameTable('fromTableId', 'A table cannot be merged into itself.');
      if (from.session_id === null) throw Errors.tableIdle(from.number);
      let sessionId = into.session_id;
      if (sessionId === null) {
        sessionId = await repo.insertSession(trx, storeId, into.id, now);
        if (!(await claimForSession(trx, into.id, sessionId))) throw Errors.notFound('Table');
      }
      const merged = await ops.liveOrderIds(trx, from.session_id);
      const sales = await salesBefore(trx, storeId, { sessionIds: [from.session_id] }); // sales follow
      await ops.mergeSession(trx, from.session_id, sessionId, into, now);
      await salesAfter(trx, sales);
      await clearSession(trx, from.id);
      await moveOpenCalls(trx, storeId, from.id, into);
      for (const orderId of merged)
        await recordAudit(trx, {
          storeId,
          subject: 'order',
          subjectId: orderId,
          action: 'merged',
          actor,
          now,
        });
      const payload = {
        fromTableId: from.id,
        toTableId: into.id,
        sessionId,
        fromTableNumber: from.number,
        toTableNumber: into.number,
      };
      return { result: payload, event: { type: 'table.merged', tableId: into.id, payload } };
    });
    return result;
  }

  /**
   * Cancels `quantity` of each named line of an order of an open session. A line cancelled to 0 leaves
   * the order's items; cancelling every line is the order delete (422). The cancelled quantities are kept.
   */
  async cancelLines(
    storeId: number,
    orderId: number,
    body: CancelLinesBody,
    actor: Actor,
  ): Promise<OrderAmended> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const row = await repo.findOrder(trx, storeId, orderId);
      if (!row) throw Errors.notFound('Order');
      const session = await repo.sessionState(trx, row.session_id);
      if (!session || session.completed_at !== null)
        throw Errors.sessionClosed('This order belongs to a checked-out session and cannot be changed.');
      const lines = new Map((await ops.orderLines(trx, orderId)).map((l) => [l.id, { ...l }]));
      const seen = new Set<number>();
      body.lines.forEach((req, i) => {
        const line = lines.get(req.lineId);
        if (seen.has(req.lineId)) throw invalidLine(i, 'lineId', 'This line is named twice.');
        seen.add(req.lineId);
        if (!line || line.quantity === 0) throw invalidLine(i, 'lineId', 'Not a line of this order.');
        if (req.quantity > line.quantity)
          throw invalidLine(i, 'quantity', `Only ${line.quantity} of ${line.name} can be cancelled.`);
        line.quantity -= req.quantity;
        line.cancelled_quantity = Number(line.cancelled_quantity) + req.quantity;
      });
      const remaining = [...lines.values()];
      if (remaining.every((l) => l.quantity === 0))
        throw Errors.validationFailed(
          'At least one line must remain: to cancel everything, delete the order.',
          [{ field: 'lines', message: 'cancels every line' }],
        );
      const sales = await salesBefore(trx, storeId, { orderIds: [orderId] }); // sales summaries follow
      for (const id of seen) {
        const l = lines.get(id);
        if (!l) continue;
        await ops.setLineQuantities(trx, id, {
          quantity: l.quantity,
          subtotal: l.unit_price * l.quantity,
          cancelledQuantity: l.cancelled_quantity,
        });
      }
      const total = remaining.reduce((sum, l) => sum + l.unit_price * l.quantity, 0);
      await ops.setOrderTotal(trx, orderId, total, now);
      await salesAfter(trx, sales);
      await recordAudit(trx, {
        storeId,
        subject: 'order',
        subjectId: orderId,
        action: 'amended',
        actor,
        now,
      });
      const tableTotal = await repo.sessionTotal(trx, row.session_id);
      const items = (await repo.itemsOf(trx, [orderId])).get(orderId) ?? [];
      const order = toOrder({ ...row, total_amount: total, updated_at: now }, items);
      const payload = { order, tableTotal };
      return { result: tableTotal, event: { type: 'order.amended', tableId: row.table_id, payload } };
    });
    // The answer is the admin view of the order (with its audit trail), as the order detail shows it.
    return { order: await this.orders.get(storeId, orderId), tableTotal: result };
  }
}

function sameTable(field: string, message: string) {
  return Errors.validationFailed(message, [{ field, message: 'same table' }]);
}

function invalidLine(index: number, field: 'lineId' | 'quantity', message: string) {
  return Errors.validationFailed(message, [{ field: `lines.${index}.${field}`, message }]);
}
