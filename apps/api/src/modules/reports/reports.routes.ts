import { SalesQuery, SalesReport } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { authedErrors as errors } from '../../shared/http.js';
import { adminOf, requireAdmin, requireOwner } from '../auth/index.js';
import { ReportsService } from './reports.service.js';

/** Sales (SPEC 13): owners only (staff get 403, SPEC 17). */
export function reportsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ReportsService(ctx);
  return async (app) => {
    app.addHook('preHandler', requireAdmin(ctx));
    app.addHook('preHandler', requireOwner);
    const tags = ['admin: sales'];
    app.get(
      '/admin/reports/sales',
      { schema: { tags, querystring: SalesQuery, response: { 200: SalesReport, ...errors } } },
      (req) => service.report(adminOf(req).storeId, req.query),
    );
    app.get(
      '/admin/reports/sales.csv',
      {
        schema: {
          tags,
          querystring: SalesQuery,
          response: {
            200: z.string().meta({ description: 'text/csv; UTF-8 with BOM, one row per counted order line' }),
            ...errors,
          },
        },
      },
      async (req, reply) => {
        const storeId = adminOf(req).storeId;
        const range = await service.range(storeId, req.query);
        return (
          reply
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="${ReportsService.filename(range)}"`)
            .header('cache-control', 'no-store')
            // A stream is sent as it is read (not serialised); the schema above documents its text.
            .send(service.csv(storeId, range) as unknown as string)
        );
      },
    );
    return Promise.resolve();
  };
}
