import {
  CheckoutResult,
  Dashboard,
  HistoryPage,
  HistoryQuery,
  IdempotencyKey,
  Order,
  OrderCreateBody,
  OrderDeleteResult,
  OrderList,
  OrderStatusBody,
  PrintAccepted,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors, reuseJsonText, withJsonText } from '../../shared/http.js';
import { adminOf, requireAdmin, requireTable, tableOf } from '../auth/index.js';
import { PrintersService } from '../printers/index.js';
import { OrdersService } from './orders.service.js';
import { tableOpsRoutes } from './table-ops.routes.js';

/** Table ordering (`/table/orders`) and the admin order board, checkout and history. */
export function ordersRoutes(ctx: AppContext): {
  table: FastifyPluginAsyncZod;
  admin: FastifyPluginAsyncZod;
} {
  const service = new OrdersService(ctx);

  const table: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireTable(ctx));
    const tags = ['table'];
    app.post(
      '/table/orders',
      {
        schema: {
          tags,
          body: OrderCreateBody,
          headers: z.looseObject({ 'idempotency-key': IdempotencyKey.optional() }),
          response: { 201: Order, ...errors },
        },
        // A new order's JSON was written once for its event: the 201 body is that text.
        serializerCompiler: reuseJsonText,
      },
      async (req, reply) => {
        const t = tableOf(req);
        const placed = await service.place(t.storeId, t.tableId, req.body, req.headers['idempotency-key']);
        if (placed.replayed) void reply.header('idempotent-replayed', 'true');
        else ctx.metrics.orderPlaced();
        const order = placed.json === undefined ? placed.order : withJsonText(placed.order, placed.json);
        return reply.status(201).send(order);
      },
    );
    app.get('/table/orders', { schema: { tags, response: { 200: OrderList, ...errors } } }, async (req) => {
      const t = tableOf(req);
      return { orders: await service.currentOrders(t.storeId, t.tableId) };
    });
    return Promise.resolve();
  };

  const admin: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: orders'];
    const store = (req: Parameters<typeof adminOf>[0]) => adminOf(req).storeId;

    app.get('/admin/dashboard', { schema: { tags, response: { 200: Dashboard, ...errors } } }, (req) =>
      service.dashboard(store(req)),
    );
    app.get(
      '/admin/tables/:id/orders',
      { schema: { tags, params: IdParams, response: { 200: OrderList, ...errors } } },
      async (req) => ({
        orders: await service.currentOrders(store(req), req.params.id, { audit: true }),
      }),
    );
    app.post(
      '/admin/tables/:id/checkout',
      { schema: { tags, params: IdParams, response: { 200: CheckoutResult, ...errors } } },
      (req) => service.checkout(store(req), req.params.id, adminOf(req)),
    );
    app.get(
      '/admin/tables/:id/history',
      {
        schema: {
          tags,
          params: IdParams,
          querystring: HistoryQuery,
          response: { 200: HistoryPage, ...errors },
        },
      },
      (req) => service.history(store(req), req.params.id, req.query),
    );
    app.get(
      '/admin/orders/:id',
      { schema: { tags, params: IdParams, response: { 200: Order, ...errors } } },
      (req) => service.get(store(req), req.params.id),
    );
    app.patch(
      '/admin/orders/:id',
      { schema: { tags, params: IdParams, body: OrderStatusBody, response: { 200: Order, ...errors } } },
      (req) => service.setStatus(store(req), req.params.id, req.body.status, adminOf(req)),
    );
    app.delete(
      '/admin/orders/:id',
      { schema: { tags, params: IdParams, response: { 200: OrderDeleteResult, ...errors } } },
      (req) => service.remove(store(req), req.params.id, adminOf(req)),
    );
    // Reprint (재출력, SPEC 15): staff may, like the rest of service.
    const printers = new PrintersService(ctx);
    app.post(
      '/admin/orders/:id/print',
      { schema: { tags, params: IdParams, response: { 202: PrintAccepted, ...errors } } },
      async (req, reply) =>
        reply
          .status(202)
          .send(await printers.reprint(store(req), await service.get(store(req), req.params.id))),
    );
    await app.register(tableOpsRoutes(ctx, service));
  };

  return { table, admin };
}
