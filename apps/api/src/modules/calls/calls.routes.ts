import {
  Call,
  CallCreateBody,
  CallList,
  CallsQuery,
  ErrorBody,
  IdempotencyKey,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors } from '../../shared/http.js';
import { adminOf, requireAdmin, requireTable, tableOf } from '../auth/index.js';
import { CallsService } from './calls.service.js';

/** Staff calls: tables call (`/table/calls`), staff see and acknowledge them (`/admin/calls`). */
export function callsRoutes(ctx: AppContext): { table: FastifyPluginAsyncZod; admin: FastifyPluginAsyncZod } {
  const service = new CallsService(ctx);

  const table: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireTable(ctx));
    const tags = ['table'];
    app.post(
      '/table/calls',
      {
        schema: {
          tags,
          body: CallCreateBody,
          headers: z.looseObject({ 'idempotency-key': IdempotencyKey.optional() }),
          response: { 201: Call, ...errors, 429: ErrorBody },
        },
      },
      async (req, reply) => {
        const t = tableOf(req);
        const placed = await service.create(t.storeId, t.tableId, req.body, req.headers['idempotency-key']);
        if (placed.replayed) void reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(placed.call);
      },
    );
    app.get('/table/calls', { schema: { tags, response: { 200: CallList, ...errors } } }, async (req) => {
      const t = tableOf(req);
      return { calls: await service.openForTable(t.storeId, t.tableId) };
    });
    return Promise.resolve();
  };

  const admin: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: calls'];
    app.get(
      '/admin/calls',
      { schema: { tags, querystring: CallsQuery, response: { 200: CallList, ...errors } } },
      async (req) => ({ calls: await service.list(adminOf(req).storeId, req.query.status) }),
    );
    app.post(
      '/admin/calls/:id/acknowledge',
      { schema: { tags, params: IdParams, response: { 200: Call, ...errors } } },
      (req) => service.acknowledge(adminOf(req).storeId, req.params.id),
    );
    return Promise.resolve();
  };

  return { table, admin };
}
