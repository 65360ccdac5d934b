import type { Queryable as Q } from '../../infra/db.js';

// Table operations (SPEC 12): the statements that move a session, merge one into another and cancel
// order lines. Callers hold the store's write lock (writeWithEvent).

/** A session and its orders (deleted ones too: their audit stays with the session) change table. */
export async function moveSession(
  trx: Q,
  sessionId: number,
  to: { id: number; number: number },
): Promise<void> {
  await trx.updateTable('table_sessions').set({ table_id: to.id }).where('id', '=', sessionId).execute();
  await trx
    .updateTable('orders')
    .set({ table_id: to.id, table_number: to.number })
    .where('session_id', '=', sessionId)
    .execute();
}

/**
 * The orders of session `from` (deleted ones too) join session `into` of table `to`, keeping their
 * numbers; `from` is left empty, closed with a total of 0 and marked as merged into `into`.
 */
export async function mergeSession(
  trx: Q,
  from: number,
  into: number,
  to: { id: number; number: number },
  now: number,
): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ session_id: into, table_id: to.id, table_number: to.number })
    .where('session_id', '=', from)
    .execute();
  await trx
    .updateTable('table_sessions')
    .set({ completed_at: now, total_amount: 0, merged_into: into })
    .where('id', '=', from)
    .execute();
}

/** Ids of the live orders of a session (what a merge moves). */
export async function liveOrderIds(db: Q, sessionId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('orders')
    .select('id')
    .where('session_id', '=', sessionId)
    .where('deleted_at', 'is', null)
    .execute();
  return rows.map((r) => r.id);
}

/** The lines of an order with what cancel-lines checks. */
export function orderLines(db: Q, orderId: number) {
  return db
    .selectFrom('order_items')
    .select(['id', 'name', 'unit_price', 'quantity', 'cancelled_quantity'])
    .where('order_id', '=', orderId)
    .orderBy('line_no')
    .execute();
}

/** Sets what remains of a line after a cancel: its quantity, subtotal and cancelled quantity. */
export async function setLineQuantities(
  trx: Q,
  lineId: number,
  v: { quantity: number; subtotal: number; cancelledQuantity: number },
): Promise<void> {
  await trx
    .updateTable('order_items')
    .set({ quantity: v.quantity, subtotal: v.subtotal, cancelled_quantity: v.cancelledQuantity })
    .where('id', '=', lineId)
    .execute();
}

export async function setOrderTotal(trx: Q, orderId: number, total: number, now: number): Promise<void> {
  await trx
    .updateTable('orders')
    .set({ total_amount: total, updated_at: now })
    .where('id', '=', orderId)
    .execute();
}
