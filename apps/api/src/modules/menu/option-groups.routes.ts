import { OptionGroup, OptionGroupCreateBody, OptionGroupUpdateBody } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, authedErrors as errors, itemsOf } from '../../shared/http.js';
import { adminOf, isOwner, requireOwner } from '../auth/index.js';
import type { OptionGroupsService } from './option-groups.service.js';

/** `/admin/option-groups`: registered inside the menu's admin plugin, whose guard it inherits. */
export function optionGroupRoutes(service: OptionGroupsService): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ['admin: menu'];
    const store = (req: Parameters<typeof adminOf>[0]) => adminOf(req).storeId;

    app.get(
      '/admin/option-groups',
      { schema: { tags, response: { 200: itemsOf(OptionGroup), ...errors } } },
      async (req) => ({ items: await service.list(store(req)) }),
    );
    app.post(
      '/admin/option-groups',
      {
        preHandler: requireOwner,
        schema: { tags, body: OptionGroupCreateBody, response: { 201: OptionGroup, ...errors } },
      },
      async (req, reply) => reply.status(201).send(await service.create(store(req), req.body)),
    );
    app.patch(
      '/admin/option-groups/:id',
      {
        schema: {
          tags,
          params: IdParams,
          body: OptionGroupUpdateBody,
          response: { 200: OptionGroup, ...errors },
        },
      },
      // Staff may send the group's options back with other sold-out flags only (their sold-out switch).
      (req) => service.update(store(req), req.params.id, req.body, { soldOutOnly: !isOwner(req) }),
    );
    app.delete(
      '/admin/option-groups/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.remove(store(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
