import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import cors from '@fastify/cors';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppContext } from './app-context.js';
import type { Config } from './config/index.js';
import { CoherentCache, KeyedCache } from './infra/coherent-cache.js';
import { LocalEventHub, type EventHub } from './infra/event-hub.js';
import { openDatabase, type DbHandle } from './infra/db.js';
import { configurePasswordHashing } from './infra/passwords.js';
import { RedisEventHub } from './infra/redis-event-hub.js';
import { createImageStorage } from './infra/storage.js';
import { TokenService } from './infra/tokens.js';
import { authRoutes } from './modules/auth/index.js';
import { callsRoutes } from './modules/calls/index.js';
import { eventsRoutes, listEventsAfter } from './modules/events/index.js';
import { imagesRoutes } from './modules/images/index.js';
import { menuRoutes } from './modules/menu/index.js';
import { ordersRoutes } from './modules/orders/index.js';
import { settingsRoutes } from './modules/settings/index.js';
import { menuVersion } from './modules/stores/index.js';
import { findLiveTableByNumber, findTableAuthState, tablesRoutes } from './modules/tables/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import { clientErrorHandler, frameworkErrors, installErrorHandler } from './shared/error-handler.js';
import { installBodyDiscard } from './shared/discard-body.js';
import { installJsonParser } from './shared/json-parser.js';
import { API_CSP, BASE_SECURITY_HEADERS } from './shared/security-headers.js';
import { Errors } from './shared/errors.js';

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
        })
      : new LocalEventHub(dbHandle.dialect === 'sqlite'));
  const now = () => clock.now();
  const { db } = dbHandle;
  const cache = <V>(maxEntries: number) =>
    new CoherentCache<V>(hub, { maxEntries, maxAgeMs: CACHE_MAX_AGE_MS, now });
  const ctx: AppContext = {
    config,
    db: dbHandle.db,
    dialect: dbHandle.dialect,
    hub,
    storage: createImageStorage(config.storage),
    tokens: new TokenService(config.jwt, now),
    clock,
    caches: {
      tableAuth: new KeyedCache(
        cache(100_000),
        hub,
        (tableId: number) => `table:${tableId}`,
        (tableId) => findTableAuthState(db, tableId),
      ),
      menuVersion: new KeyedCache(
        cache(10_000),
        hub,
        (storeId: number) => `menu:${storeId}`,
        (storeId) => menuVersion(db, storeId),
      ),
    },
  };
  return { ctx, dbHandle };
}

/** Longer than any URL Node accepts (16 KB of request line and headers): a path id never hits it. */
const MAX_PARAM_LENGTH = 16 * 1024;

/** The apps load only their own scripts (no inline script); images may come from the image storage. */
function appCsp(imageOrigin: string | undefined): string {
  const img = ["'self'", 'data:', 'blob:', ...(imageOrigin ? [imageOrigin] : [])].join(' ');
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src ${img}; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}
const isApiPath = (url: string) => url.startsWith('/api/') || url === '/health' || url === '/openapi.json';

// Request ids for log lines: unique per process (a random prefix tells instances apart), and cheaper than
// a UUID per request.
const requestIdPrefix = crypto.randomUUID().slice(0, 8);
let requestCount = 0;
const nextRequestId = () => `${requestIdPrefix}-${(++requestCount).toString(36)}`;

/** Builds the configured Fastify instance: infrastructure plugins, then every module, in one list. */
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
        ],
        censor: '[redacted]',
      },
    },
    trustProxy: config.trustedProxies.length > 0 ? config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    requestIdHeader: false,
    genReqId: nextRequestId,
    return503OnClosing: true,
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
  installJsonParser(app);
  installBodyDiscard(app);
  app.decorateRequest('principal', null);

  // Security headers on every response; the API answers JSON only, so its CSP forbids everything.
  // (A callback hook: no promise per response on the hot path.)
  const csp = appCsp(imageOrigin);
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.headers(BASE_SECURITY_HEADERS);
    if (!reply.hasHeader('content-security-policy') && !request.url.startsWith('/docs')) {
      void reply.header('content-security-policy', isApiPath(request.url) ? API_CSP : csp);
    }
    done(null, payload);
  });

  // Without CORS_ORIGINS no origin gets a grant, so the plugin (a hook on every request) is left out.
  if (config.corsOrigins.length > 0)
    await app.register(cors, {
      origin: config.corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-None-Match', 'Last-Event-ID'],
      exposedHeaders: ['ETag', 'Retry-After', 'Idempotent-Replayed'],
      maxAge: 600,
    });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Table Order API', version: config.version },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
      security: [{ bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get('/health', { schema: { hide: true } }, async (_req, reply) => {
    const dbOk = await dbHandle.ping();
    const body = {
      status: dbOk ? 'ok' : 'unavailable',
      db: dbOk ? 'ok' : 'down',
      redis: ctx.hub.status(),
      storage: ctx.storage.driver,
      version: config.version,
    };
    if (!dbOk) void reply.status(503).header('retry-after', '5');
    return body;
  });

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
    },
    { prefix: '/api/v1' },
  );

  if (config.storage.driver === 'local') {
    // Keys follow content, so a URL's bytes never change: cache for a year. Wildcard: files appear at runtime.
    await app.register(fastifyStatic, {
      root: resolve(config.storage.dir),
      prefix: '/uploads/',
      decorateReply: false,
      wildcard: true,
      index: false,
      dotfiles: 'ignore',
      suppressWarning: true,
      maxAge: 365 * 24 * 3600 * 1000,
      immutable: true,
    });
  }

  await registerApps(app);
  return app;
}

/** Serves the built tablet app at `/` and the dashboard at `/admin/` when their builds exist. */
async function registerApps(app: FastifyInstance): Promise<void> {
  const root = resolve(import.meta.dirname, '../../..');
  const apps = [
    { dir: resolve(root, 'apps/admin/dist'), prefix: '/admin/' },
    { dir: resolve(root, 'apps/customer/dist'), prefix: '/' },
  ];
  for (const a of apps) {
    const indexFile = resolve(a.dir, 'index.html');
    if (!existsSync(indexFile)) {
      // Until the app is built, say so instead of a bare 404.
      app.get(a.prefix, { schema: { hide: true } }, (_req, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .send(
            `<!doctype html><meta charset="utf-8"><title>Table Order</title><p>This app is not built yet (npm run build:apps). API docs: <a href="/docs">/docs</a></p>`,
          ),
      );
      continue;
    }
    // Hashed assets never change: cache for a year. Everything else (index.html, manifest) revalidates.
    await app.register(fastifyStatic, {
      root: a.dir,
      prefix: a.prefix,
      decorateReply: false,
      wildcard: false,
      index: false,
      // Brotli/gzip copies written at build time (scripts/precompress.mjs): no compression per request.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        void res.header(
          'cache-control',
          path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // SPA fallback: the app's own routes (deep links) answer its index.html; API paths stay JSON 404s.
    const html = readFileSync(indexFile, 'utf8');
    const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
      if (/^\/(api|uploads|docs)(\/|$)/.test(request.url)) throw Errors.notFound('Resource');
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    };
    app.get(a.prefix, { schema: { hide: true } }, sendIndex);
    app.get(`${a.prefix}*`, { schema: { hide: true } }, sendIndex);
  }
}
