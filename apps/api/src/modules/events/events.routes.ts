import { ErrorBody } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { adminOf, requireAdmin, requireTable, tableOf } from '../auth/index.js';
import { EventPurge } from './events.purge.js';
import { StreamManager } from './stream-manager.js';

const MAX_PENDING_BYTES = 1024 * 1024;

const streamSchema = (tag: string, description: string) => ({
  tags: [tag],
  description,
  headers: z.looseObject({
    'last-event-id': z
      .string()
      .max(32)
      .optional()
      .describe('The last `id:` received; replays what was missed'),
  }),
  response: {
    200: z
      .string()
      .describe(
        'text/event-stream: one `id:`/`event:`/`data:` frame per recorded event (`data` is its JSON payload), `resync` when the cursor cannot be replayed, comment heartbeats',
      ),
    401: ErrorBody,
    403: ErrorBody,
    429: ErrorBody,
    503: ErrorBody,
  },
});

/**
 * Live event streams (Server-Sent Events) plus their lifecycle: the periodic purge of old events and ending
 * every stream when the app closes.
 */
export function eventsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    ctx.hub.useLogger(app.log);
    const streams = new StreamManager(ctx, app.log, {
      heartbeatMs: ctx.config.events.heartbeatMs,
      maxPendingBytes: MAX_PENDING_BYTES,
    });
    const purge = new EventPurge(ctx, app.log);
    app.addHook('onReady', async () => {
      purge.start();
      return Promise.resolve();
    });
    // preClose runs before the server stops waiting for open requests: end streams so close() completes.
    app.addHook('preClose', async () => {
      streams.shutdown();
      return Promise.resolve();
    });
    app.addHook('onClose', () => purge.stop());

    app.get(
      '/admin/events',
      {
        preHandler: requireAdmin(ctx),
        config: { liveStream: true },
        schema: streamSchema('admin: events', 'Live events of the whole store (text/event-stream).'),
      },
      (req, reply) => streams.open(req, reply, adminOf(req)),
    );
    app.get(
      '/table/events',
      {
        preHandler: requireTable(ctx),
        config: { liveStream: true },
        schema: streamSchema(
          'table',
          "Live events of this table's orders and checkout, and menu changes (text/event-stream).",
        ),
      },
      (req, reply) => streams.open(req, reply, tableOf(req)),
    );
    return Promise.resolve();
  };
}
