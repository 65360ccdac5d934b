import { StoreSettings, StoreSettingsPatch, TableStoreSettings } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { authedErrors as errors } from '../../shared/http.js';
import { adminOf, requireAdmin, requireOwner, requireTable, tableOf } from '../auth/index.js';
import { SettingsService } from './settings.service.js';

/** Store settings: admins read them and owners change them (`/admin/store`), tablets read them (`/table/store`). */
export function settingsRoutes(ctx: AppContext): {
  table: FastifyPluginAsyncZod;
  admin: FastifyPluginAsyncZod;
} {
  const service = new SettingsService(ctx);

  const table: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireTable(ctx));
    app.get(
      '/table/store',
      { schema: { tags: ['table'], response: { 200: TableStoreSettings, ...errors } } },
      (req) => service.forTable(tableOf(req).storeId),
    );
    return Promise.resolve();
  };

  const admin: FastifyPluginAsyncZod = async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    const tags = ['admin: store'];
    app.get('/admin/store', { schema: { tags, response: { 200: StoreSettings, ...errors } } }, (req) =>
      service.get(adminOf(req).storeId),
    );
    app.patch(
      '/admin/store',
      {
        preHandler: requireOwner,
        schema: { tags, body: StoreSettingsPatch, response: { 200: StoreSettings, ...errors } },
      },
      (req) => service.update(adminOf(req).storeId, req.body),
    );
    return Promise.resolve();
  };

  return { table, admin };
}
