// Queuing print jobs inside the writes that cause them (an order, a checkout, a reprint): the job rows
// commit or roll back with the order, so a committed order always has its tickets queued.
import type { Order } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import type { Queryable, Trx } from '../../infra/db.js';
import { categoriesOfItems } from '../menu/index.js';
import * as repo from './printers.repository.js';
import type { Ticket } from './ticket.js';

/** An enabled printer as routing needs it (the store's list is cached per instance). */
export interface PrinterRoute {
  id: number;
  role: 'kitchen' | 'receipt';
  /** Empty = every category. */
  categoryIds: number[];
}

/** The cache key of a store's printer routes (dropped on every instance by a printer change). */
export const printerRoutesKey = (storeId: number) => `printers:${storeId}`;

/**
 * The store's enabled printers: from memory while the coherent cache can vouch for it (a store without
 * printers costs no query per order; on MySQL without Redis a list at most one events poll interval
 * old, as the menu), else read through the caller's connection or transaction.
 */
export async function printerRoutes(
  ctx: Pick<AppContext, 'caches'>,
  db: Queryable,
  storeId: number,
): Promise<PrinterRoute[]> {
  const routes = await ctx.caches.printerRoutes.get(printerRoutesKey(storeId), async () =>
    (await repo.listPrinters(db, storeId))
      .filter((p) => p.enabled === 1)
      .map((p) => ({
        id: p.id,
        role: p.role === 'receipt' ? 'receipt' : 'kitchen',
        categoryIds: JSON.parse(p.category_ids) as number[],
      })),
  );
  return routes ?? [];
}

function orderTicket(order: Order, timeZone: string, items: Order['items']): Ticket {
  return {
    kind: 'order',
    tableNumber: order.tableNumber,
    orderNumber: order.orderNumber,
    at: Date.parse(order.createdAt),
    timeZone,
    lines: items.map((i) => ({
      name: i.name,
      quantity: i.quantity,
      options: (i.options ?? []).map((o) => `${o.groupName}: ${o.name}`),
    })),
    note: order.note,
  };
}

/**
 * Queues one ticket per enabled kitchen printer whose categories the order touches, with only those
 * lines; `reprint` queues them as manual reprints (재출력). Answers the number of jobs queued.
 */
export async function enqueueOrderTickets(
  ctx: Pick<AppContext, 'caches'>,
  trx: Queryable,
  input: { storeId: number; order: Order; timeZone: string; now: number; reprint?: boolean },
): Promise<number> {
  const { storeId, order } = input;
  const routes = await printerRoutes(ctx, trx, storeId);
  if (routes.length === 0) return 0;
  const kitchens = routes.filter((r) => r.role === 'kitchen');
  const filtered = kitchens.some((k) => k.categoryIds.length > 0);
  const categories = filtered
    ? await categoriesOfItems(trx, storeId, [...new Set(order.items.map((i) => i.menuItemId))])
    : new Map<number, number>();
  const kind = input.reprint ? 'reprint' : 'order';
  const jobs = kitchens.flatMap((k): repo.NewJob[] => {
    const items = order.items.filter(
      (i) => k.categoryIds.length === 0 || k.categoryIds.includes(categories.get(i.menuItemId) ?? -1),
    );
    if (items.length === 0) return [];
    const ticket = JSON.stringify(orderTicket(order, input.timeZone, items));
    return [{ store_id: storeId, printer_id: k.id, order_id: order.id, kind, ticket }];
  });
  // A reprint of an order no kitchen printer takes goes to the receipt printers instead.
  if (jobs.length === 0 && input.reprint) {
    const ticket = JSON.stringify(orderTicket(order, input.timeZone, order.items));
    for (const r of routes.filter((p) => p.role === 'receipt'))
      jobs.push({ store_id: storeId, printer_id: r.id, order_id: order.id, kind, ticket });
  }
  await repo.insertJobs(trx, jobs, input.now);
  return jobs.length;
}

/**
 * Queues the bill of a checked-out session on every enabled receipt printer; `orders` is read only when
 * there is one.
 */
export async function enqueueBill(
  ctx: Pick<AppContext, 'caches'>,
  trx: Trx,
  input: {
    storeId: number;
    tableNumber: number;
    timeZone: string;
    now: number;
    total: number;
    orders: () => Promise<Order[]>;
  },
): Promise<void> {
  const receipts = (await printerRoutes(ctx, trx, input.storeId)).filter((r) => r.role === 'receipt');
  if (receipts.length === 0) return;
  const orders = await input.orders();
  const ticket: Ticket = {
    kind: 'bill',
    tableNumber: input.tableNumber,
    orderNumber: null,
    at: input.now,
    timeZone: input.timeZone,
    lines: orders.flatMap((o) =>
      o.items.map((i) => ({
        name: i.name,
        quantity: i.quantity,
        options: (i.options ?? []).map((op) => `${op.groupName}: ${op.name}`),
        amount: i.subtotal,
      })),
    ),
    note: '',
    total: input.total,
  };
  const text = JSON.stringify(ticket);
  await repo.insertJobs(
    trx,
    receipts.map((r) => ({
      store_id: input.storeId,
      printer_id: r.id,
      order_id: null,
      kind: 'bill',
      ticket: text,
    })),
    input.now,
  );
}
