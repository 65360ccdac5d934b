import { AccountCreateBody, AccountUpdateBody, Admin } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors, itemsOf } from '../../shared/http.js';
import { adminOf, requireAdmin, requireOwner } from '../auth/index.js';
import { AccountsService } from './accounts.service.js';

/** `GET /admin/me` (any account) and `/admin/accounts` (owners only). */
export function accountsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new AccountsService(ctx);
  return async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: accounts'];
    app.get(
      '/admin/me',
      {
        schema: {
          tags,
          summary: 'The account this token belongs to, with its current role',
          response: { 200: Admin, ...errors },
        },
      },
      (req) => {
        const me = adminOf(req);
        return { id: me.adminId, username: me.username, role: me.role };
      },
    );
    app.get(
      '/admin/accounts',
      { preHandler: requireOwner, schema: { tags, response: { 200: itemsOf(Admin), ...errors } } },
      async (req) => ({ items: await service.list(adminOf(req).storeId) }),
    );
    app.post(
      '/admin/accounts',
      {
        preHandler: requireOwner,
        schema: { tags, body: AccountCreateBody, response: { 201: Admin, ...errors } },
      },
      async (req, reply) => reply.status(201).send(await service.create(adminOf(req), req.body)),
    );
    app.patch(
      '/admin/accounts/:id',
      {
        preHandler: requireOwner,
        schema: {
          tags,
          summary: "Change an account's password and/or role (its tokens stop working at once)",
          params: IdParams,
          body: AccountUpdateBody,
          response: { 200: Admin, ...errors },
        },
      },
      (req) => service.update(adminOf(req), req.params.id, req.body),
    );
    app.delete(
      '/admin/accounts/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.remove(adminOf(req), req.params.id);
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };
}
