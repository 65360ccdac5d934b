import {
  CancelLinesBody,
  OrderAmended,
  TableMergeBody,
  TableMoveBody,
  TableOpResult,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors } from '../../shared/http.js';
import { adminOf } from '../auth/index.js';
import type { OrdersService } from './orders.service.js';
import { TableOpsService } from './table-ops.service.js';

/**
 * Move, merge and partial cancel (SPEC 12), registered inside the orders' admin plugin (its
 * `requireAdmin` applies). Staff may do them, like an order delete or a checkout.
 */
export function tableOpsRoutes(ctx: AppContext, orders: OrdersService): FastifyPluginAsyncZod {
  const service = new TableOpsService(ctx, orders);
  return async (app) => {
    const tags = ['admin: table operations'];
    app.post(
      '/admin/tables/:id/move',
      {
        schema: { tags, params: IdParams, body: TableMoveBody, response: { 200: TableOpResult, ...errors } },
      },
      (req) => {
        const admin = adminOf(req);
        return service.move(admin.storeId, req.params.id, req.body.toTableId, admin);
      },
    );
    app.post(
      '/admin/tables/:id/merge',
      {
        schema: { tags, params: IdParams, body: TableMergeBody, response: { 200: TableOpResult, ...errors } },
      },
      (req) => {
        const admin = adminOf(req);
        return service.merge(admin.storeId, req.params.id, req.body.fromTableId, admin);
      },
    );
    app.post(
      '/admin/orders/:id/cancel-lines',
      {
        schema: { tags, params: IdParams, body: CancelLinesBody, response: { 200: OrderAmended, ...errors } },
      },
      (req) => {
        const admin = adminOf(req);
        return service.cancelLines(admin.storeId, req.params.id, req.body, admin);
      },
    );
    return Promise.resolve();
  };
}
