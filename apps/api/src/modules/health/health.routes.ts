import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';

export interface HealthDeps {
  /** True when the database answers. */
  pingDatabase: () => Promise<boolean>;
}

/**
 * `GET /health` for load balancers and the runbook: 200 with what each dependency looks like, or 503
 * (with `Retry-After`) while the database does not answer. Redis being down is reported, not fatal:
 * events then come from the database.
 */
export function healthRoutes(ctx: AppContext, deps: HealthDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get('/health', { schema: { hide: true } }, async (_req, reply) => {
      const dbOk = await deps.pingDatabase();
      const body = {
        status: dbOk ? 'ok' : 'unavailable',
        db: dbOk ? 'ok' : 'down',
        redis: ctx.hub.status(),
        storage: ctx.storage.driver,
        version: ctx.config.version,
      };
      if (!dbOk) void reply.status(503).header('retry-after', '5');
      return body;
    });
    return Promise.resolve();
  };
}
