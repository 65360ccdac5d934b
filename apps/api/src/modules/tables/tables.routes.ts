import { Table, TableCreateBody, TableListItem, TableUpdateBody } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors, itemsOf } from '../../shared/http.js';
import { adminOf, requireAdmin, requireOwner } from '../auth/index.js';
import { TablesService } from './tables.service.js';

/** /api/v1/admin/tables CRUD: every admin reads the list, only owners change it. */
export function tablesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new TablesService(ctx);
  return async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: tables'];
    app.get(
      '/admin/tables',
      { schema: { tags, response: { 200: itemsOf(TableListItem), ...errors } } },
      async (req) => ({
        items: await service.list(adminOf(req).storeId),
      }),
    );
    app.post(
      '/admin/tables',
      {
        preHandler: requireOwner,
        schema: { tags, body: TableCreateBody, response: { 201: Table, ...errors } },
      },
      async (req, reply) =>
        reply.status(201).send(await service.create(adminOf(req).storeId, req.body, adminOf(req))),
    );
    app.patch(
      '/admin/tables/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, body: TableUpdateBody, response: { 200: Table, ...errors } },
      },
      (req) => service.update(adminOf(req).storeId, req.params.id, req.body, adminOf(req)),
    );
    app.delete(
      '/admin/tables/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.remove(adminOf(req).storeId, req.params.id, adminOf(req));
        return reply.status(204).send(null);
      },
    );
    app.delete(
      '/admin/tables/:id/lock',
      {
        preHandler: requireOwner,
        schema: {
          tags,
          summary: "Lift the table's login lock (five wrong passwords lock it for 15 minutes)",
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await service.unlock(adminOf(req).storeId, req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.delete(
      '/admin/tables/:id/devices',
      {
        preHandler: requireOwner,
        schema: {
          tags,
          summary:
            "Reset the table's devices: every tablet's token and device credential stop working; the tablet needs the table password again",
          params: IdParams,
          response: { 204: z.null(), ...errors },
        },
      },
      async (req, reply) => {
        await service.resetDevices(adminOf(req).storeId, req.params.id, adminOf(req));
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
