import {
  PrintAccepted,
  Printer,
  PrinterCreateBody,
  PrinterList,
  PrinterPatchBody,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors } from '../../shared/http.js';
import { adminOf, requireAdmin, requireOwner } from '../auth/index.js';
import { PrintersService } from './printers.service.js';

/** `/admin/printers`: every account reads them (the board shows their state), owners change them. */
export function printersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new PrintersService(ctx);
  return async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: printers'];
    const store = (req: Parameters<typeof adminOf>[0]) => adminOf(req).storeId;
    app.get(
      '/admin/printers',
      { schema: { tags, response: { 200: PrinterList, ...errors } } },
      async (req) => ({
        items: await service.list(store(req)),
      }),
    );
    app.post(
      '/admin/printers',
      {
        preHandler: requireOwner,
        schema: { tags, body: PrinterCreateBody, response: { 201: Printer, ...errors } },
      },
      async (req, reply) => reply.status(201).send(await service.create(store(req), req.body)),
    );
    app.patch(
      '/admin/printers/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, body: PrinterPatchBody, response: { 200: Printer, ...errors } },
      },
      (req) => service.update(store(req), req.params.id, req.body),
    );
    app.delete(
      '/admin/printers/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.remove(store(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    app.post(
      '/admin/printers/:id/test',
      {
        preHandler: requireOwner,
        schema: {
          tags,
          summary: 'Queue a test ticket (Korean text included) on the printer',
          params: IdParams,
          response: { 202: PrintAccepted, ...errors },
        },
      },
      async (req, reply) => reply.status(202).send(await service.testPrint(store(req), req.params.id)),
    );
    return Promise.resolve();
  };
}
