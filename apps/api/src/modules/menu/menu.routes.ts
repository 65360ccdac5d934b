import {
  Category,
  CategoryCreateBody,
  CategoryUpdateBody,
  MenuItem,
  MenuItemCreateBody,
  MenuItemUpdateBody,
  MenuItemsQuery,
  ReorderCategoriesBody,
  ReorderItemsBody,
  TableMenu,
  TableMenuQuery,
} from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { IdParams, authedErrors as errors, itemsOf } from '../../shared/http.js';
import {
  adminOf,
  requireAdmin,
  requireOwner,
  requireOwnerUnless,
  requireTable,
  tableOf,
} from '../auth/index.js';
import { MenuService } from './menu.service.js';
import { optionGroupRoutes } from './option-groups.routes.js';
import { OptionGroupsService } from './option-groups.service.js';

/** True when an If-None-Match header names the current ETag (weak comparison, lists, `*`). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const current = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const v = t.trim().replace(/^W\//, '');
    return v === current || v === '*';
  });
}

/** True when an Accept-Encoding header accepts gzip (by name or `*`, with a q-value above 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let gzip: number | undefined;
  let any: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (name === 'gzip' || name === 'x-gzip') gzip = weight;
    else if (name === '*') any = weight;
  }
  const weight = gzip ?? any ?? 0;
  return Number.isFinite(weight) && weight > 0;
}

/** True for a menu item PATCH body that changes nothing but `soldOut` (the staff's sold-out switch). */
function onlySoldOut(body: unknown): boolean {
  return typeof body === 'object' && body !== null && Object.keys(body).every((k) => k === 'soldOut');
}

/**
 * The guest menu (`/table/menu`) and menu management (`/admin/categories`, `/admin/menu-items`,
 * `/admin/option-groups`): every admin reads it; only owners change it, except staff's sold-out switches.
 */
export function menuRoutes(ctx: AppContext): { table: FastifyPluginAsyncZod; admin: FastifyPluginAsyncZod } {
  const service = new MenuService(ctx);
  const optionGroups = new OptionGroupsService(ctx, (storeId, fn) => service.write(storeId, fn));

  const table: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireTable(ctx));
    app.get(
      '/table/menu',
      {
        schema: {
          tags: ['table'],
          querystring: TableMenuQuery,
          response: { 200: TableMenu, 304: z.undefined(), ...errors },
        },
      },
      async (req, reply) => {
        // From memory, without awaiting, when the menu is current (the usual case). Each language has
        // its own ETag; a language the store does not offer answers (and is tagged) Korean.
        const { storeId } = tableOf(req);
        const lang = req.query.lang ?? 'ko';
        const menu = service.cachedTableMenu(storeId, lang) ?? (await service.tableMenu(storeId, lang));
        void reply
          .header('etag', menu.etag)
          .header('cache-control', 'private, no-cache')
          .header('vary', 'accept-encoding');
        // No payload: a serialised `null` would announce `content-length: 4` on a body-less 304, which
        // HTTP forbids (RFC 9110 §8.6) and strict clients wait on.
        if (etagMatches(req.headers['if-none-match'], menu.etag)) return reply.status(304).send();
        // Pre-serialised (and pre-compressed) bytes skip the serializer.
        void reply.type('application/json; charset=utf-8');
        if (acceptsGzip(req.headers['accept-encoding'])) {
          void reply.header('content-encoding', 'gzip');
          return reply.send(service.gzipped(menu) as unknown as TableMenu);
        }
        return reply.send(menu.json as unknown as TableMenu);
      },
    );
    return Promise.resolve();
  };

  const admin: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    await app.register(optionGroupRoutes(optionGroups));
    const tags = ['admin: menu'];
    const store = (req: Parameters<typeof adminOf>[0]) => adminOf(req).storeId;

    app.get(
      '/admin/categories',
      { schema: { tags, response: { 200: itemsOf(Category), ...errors } } },
      async (req) => ({
        items: await service.listCategories(store(req)),
      }),
    );
    app.post(
      '/admin/categories',
      {
        preHandler: requireOwner,
        schema: { tags, body: CategoryCreateBody, response: { 201: Category, ...errors } },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createCategory(store(req), req.body, adminOf(req))),
    );
    app.put(
      '/admin/categories/order',
      {
        preHandler: requireOwner,
        schema: { tags, body: ReorderCategoriesBody, response: { 200: itemsOf(Category), ...errors } },
      },
      async (req) => ({
        items: await service.reorderCategories(store(req), req.body.ids),
      }),
    );
    app.patch(
      '/admin/categories/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, body: CategoryUpdateBody, response: { 200: Category, ...errors } },
      },
      (req) => service.updateCategory(store(req), req.params.id, req.body, adminOf(req)),
    );
    app.delete(
      '/admin/categories/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.deleteCategory(store(req), req.params.id, adminOf(req));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/admin/menu-items',
      { schema: { tags, querystring: MenuItemsQuery, response: { 200: itemsOf(MenuItem), ...errors } } },
      async (req) => ({
        items: await service.listItems(store(req), req.query.categoryId),
      }),
    );
    app.post(
      '/admin/menu-items',
      {
        preHandler: requireOwner,
        schema: { tags, body: MenuItemCreateBody, response: { 201: MenuItem, ...errors } },
      },
      async (req, reply) =>
        reply.status(201).send(await service.createItem(store(req), req.body, adminOf(req))),
    );
    app.put(
      '/admin/menu-items/order',
      {
        preHandler: requireOwner,
        schema: { tags, body: ReorderItemsBody, response: { 200: itemsOf(MenuItem), ...errors } },
      },
      async (req) => ({
        items: await service.reorderItems(store(req), req.body.categoryId, req.body.ids),
      }),
    );
    app.get(
      '/admin/menu-items/:id',
      { schema: { tags, params: IdParams, response: { 200: MenuItem, ...errors } } },
      (req) => service.getItem(store(req), req.params.id),
    );
    app.patch(
      '/admin/menu-items/:id',
      {
        // Staff may switch sold out: a PATCH carrying only `soldOut`.
        preHandler: requireOwnerUnless((req) => onlySoldOut(req.body)),
        schema: { tags, params: IdParams, body: MenuItemUpdateBody, response: { 200: MenuItem, ...errors } },
      },
      (req) => service.updateItem(store(req), req.params.id, req.body, adminOf(req)),
    );
    app.delete(
      '/admin/menu-items/:id',
      {
        preHandler: requireOwner,
        schema: { tags, params: IdParams, response: { 204: z.null(), ...errors } },
      },
      async (req, reply) => {
        await service.deleteItem(store(req), req.params.id, adminOf(req));
        return reply.status(204).send(null);
      },
    );
    return Promise.resolve();
  };

  return { table, admin };
}
