import { resolve } from 'node:path';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import type { Config } from './config/index.js';
import { CoherentCache, KeyedCache } from './infra/coherent-cache.js';
import { LocalEventHub, type EventHub } from './infra/event-hub.js';
import { openDatabase, type DbHandle } from './infra/db.js';
import { Metrics } from './infra/metrics.js';
import { configurePasswordHashing } from './infra/passwords.js';
import { RedisEventHub } from './infra/redis-event-hub.js';
import { createImageStorage } from './infra/storage.js';
import { TokenService } from './infra/tokens.js';
import { accountsRoutes } from './modules/accounts/index.js';
import { authRoutes } from './modules/auth/index.js';
import { callsRoutes } from './modules/calls/index.js';
import { eventRecordedAt, eventsRoutes, listEventsAfter } from './modules/events/index.js';
import { healthRoutes } from './modules/health/index.js';
import { imagesRoutes } from './modules/images/index.js';
import { menuRoutes } from './modules/menu/index.js';
import { ordersRoutes } from './modules/orders/index.js';
import { printersRoutes } from './modules/printers/index.js';
import { reportsRoutes } from './modules/reports/index.js';
import { settingsRoutes } from './modules/settings/index.js';
import { findAdminAuthState, menuVersion } from './modules/stores/index.js';
import { findLiveTableByNumber, findTableAuthState, tablesRoutes } from './modules/tables/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import {
  clientErrorHandler,
  frameworkErrors,
  installClosingAnswer,
  installErrorHandler,
} from './shared/error-handler.js';
import { installBodyDiscard } from './shared/discard-body.js';
import { installJsonParser } from './shared/json-parser.js';
import metricsHooks from './plugins/metrics.js';
import openApi from './plugins/openapi.js';
import securityHeaders from './plugins/security-headers.js';
import staticApps from './plugins/static-apps.js';

export interface Runtime {
  ctx: AppContext;
  dbHandle: DbHandle;
}

/** Staleness bound of the per-instance caches should an invalidation from another instance be lost. */
const CACHE_MAX_AGE_MS = 5000;

/** Opens the infrastructure the configuration names (no listening, no process hooks). */
export function createRuntime(config: Config, overrides: { clock?: Clock; hub?: EventHub } = {}): Runtime {
  configurePasswordHashing(config.passwords);
  const dbHandle = openDatabase(config.database);
  const clock = overrides.clock ?? systemClock;
  // With Redis, events cross instances by pub/sub and fall back to reading the events table.
  const hub =
    overrides.hub ??
    (config.redisUrl
      ? new RedisEventHub({
          url: config.redisUrl,
          channel: config.events.redisChannel,
          pollMs: config.events.pollMs,
          fetchAfter: (storeId, afterId, limit) => listEventsAfter(dbHandle.db, storeId, afterId, limit),
          recordedAt: eventRecordedAt,
        })
      : new LocalEventHub(dbHandle.dialect === 'sqlite'));
  const now = () => clock.now();
  const { db } = dbHandle;
  const cache = <V>(maxEntries: number, uncoordinatedMaxAgeMs?: number) =>
    new CoherentCache<V>(hub, {
      maxEntries,
      maxAgeMs: CACHE_MAX_AGE_MS,
      now,
      ...(uncoordinatedMaxAgeMs === undefined ? {} : { uncoordinatedMaxAgeMs }),
    });
  const ctx: AppContext = {
    config,
    db: dbHandle.db,
    dialect: dbHandle.dialect,
    hub,
    storage: createImageStorage(config.storage),
    tokens: new TokenService(config.jwt, now),
    clock,
    metrics: new Metrics({
      hub,
      pool: () => dbHandle.poolStats(),
      version: config.version,
      dialect: dbHandle.dialect,
    }),
    caches: {
      // Without Redis a tablet's reads accept its table's state up to one events poll interval old (what
      // its stream already lags by: a reset through another instance reaches it no sooner); its writes
      // are always checked against the database (auth.guard's `writes`).
      tableAuth: new KeyedCache(
        cache(100_000, config.events.pollMs),
        hub,
        (tableId: number) => `table:${tableId}`,
        (tableId) => findTableAuthState(db, tableId),
      ),
      adminAuth: new KeyedCache(
        cache(10_000),
        hub,
        (adminId: number) => `admin:${adminId}`,
        (adminId) => findAdminAuthState(db, adminId),
      ),
      // Without Redis, other instances' menu changes reach the tablets through the events poll
      // (EVENTS_POLL_MS): a menu at most one poll interval old agrees with what the tablets are told.
      menuVersion: new KeyedCache(
        cache(10_000, config.events.pollMs),
        hub,
        (storeId: number) => `menu:${storeId}`,
        (storeId) => menuVersion(db, storeId),
      ),
      // Ticket routing likewise: an order would otherwise read the store's printers inside its batch's
      // locked transaction; a printer changed through another instance routes tickets a poll later.
      printerRoutes: cache(10_000, config.events.pollMs),
    },
  };
  return { ctx, dbHandle };
}

/** Where the apps' `dist` folders live: this file is `apps/api/src/app.ts`, bundled as `apps/api/dist/server.js`. */
const REPOSITORY_ROOT = resolve(import.meta.dirname, '../../..');

/** Longer than any URL Node accepts (16 KB of request line and headers): a path id never hits it. */
const MAX_PARAM_LENGTH = 16 * 1024;

// Request ids for log lines: unique per process (a random prefix tells instances apart), and cheaper than
// a UUID per request.
const requestIdPrefix = crypto.randomUUID().slice(0, 8);
let requestCount = 0;
const nextRequestId = () => `${requestIdPrefix}-${(++requestCount).toString(36)}`;

/**
 * Builds the configured Fastify instance: error shape and body handling, then the plugins (request
 * figures, security headers, CORS, OpenAPI), the health route, every module under `/api/v1`, and the static files.
 */
export async function buildApp(runtime: Runtime): Promise<FastifyInstance> {
  const { ctx, dbHandle } = runtime;
  const { config } = ctx;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: {
        // `*.headers`: plugins log request headers under their own keys too (multipart's busboyOptions at trace).
        paths: [
          'req.headers.authorization',
          'req.headers.cookie',
          '*.headers.authorization',
          '*.headers.cookie',
          '*.password',
          '*.accessToken',
          '*.deviceCredential',
        ],
        censor: '[redacted]',
      },
    },
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: nextRequestId,
    return503OnClosing: false, // installClosingAnswer answers in the error shape instead
    forceCloseConnections: 'idle',
    // Ids of any length reach the route (whose schema answers 404); longer ones 404 in frameworkErrors.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  const sampleImageUrl = ctx.storage.url('0'.repeat(32));
  const imageOrigin = /^https?:\/\//.test(sampleImageUrl) ? new URL(sampleImageUrl).origin : undefined;

  dbHandle.useLogger(app.log);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  installClosingAnswer(app);
  installJsonParser(app);
  installBodyDiscard(app);
  app.decorateRequest('principal', null);
  await app.register(metricsHooks, { metrics: ctx.metrics });
  await app.register(securityHeaders, { imageOrigin });

  // Without CORS_ORIGINS no origin gets a grant, so the plugin (a hook on every request) is left out.
  if (config.corsOrigins.length > 0)
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'Last-Event-ID'],
      exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    });

  await app.register(openApi, { version: config.version });
  await app.register(healthRoutes(ctx, { pingDatabase: () => dbHandle.ping() }));

  const menu = menuRoutes(ctx);
  const orders = ordersRoutes(ctx);
  const calls = callsRoutes(ctx);
  const settings = settingsRoutes(ctx);
  await app.register(
    async (api) => {
      await api.register(authRoutes(ctx, { findLiveTableByNumber }));
      await api.register(menu.table);
      await api.register(orders.table);
      await api.register(orders.admin);
      await api.register(calls.table);
      await api.register(calls.admin);
      await api.register(settings.table);
      await api.register(settings.admin);
      await api.register(tablesRoutes(ctx));
      await api.register(menu.admin);
      await api.register(eventsRoutes(ctx));
      await api.register(imagesRoutes(ctx));
      await api.register(accountsRoutes(ctx));
      await api.register(printersRoutes(ctx));
      await api.register(reportsRoutes(ctx));
    },
    { prefix: '/api/v1' },
  );

  await app.register(staticApps, {
    root: REPOSITORY_ROOT,
    imageOrigin,
    uploadDir: config.storage.driver === 'local' ? config.storage.dir : undefined,
  });
  return app;
}
