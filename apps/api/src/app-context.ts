import type { Config } from './config/index.js';
import type { CoherentCache, KeyedCache } from './infra/coherent-cache.js';
import type { EventHub } from './infra/event-hub.js';
import type { Db } from './infra/db.js';
import type { Metrics } from './infra/metrics.js';
import type { ImageStorage } from './infra/storage.js';
import type { TokenService } from './infra/tokens.js';
import type { PrinterRoute } from './modules/printers/index.js';
import type { AdminAuthState } from './modules/stores/index.js';
import type { TableAuthState } from './modules/tables/index.js';
import type { Clock } from './shared/clock.js';

/** What every module receives from app.ts: configured infrastructure, nothing global. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: 'sqlite' | 'mysql';
  hub: EventHub;
  storage: ImageStorage;
  tokens: TokenService;
  clock: Clock;
  /** This runtime's Prometheus figures: modules count what only they see (orders, streams, logins). */
  metrics: Metrics;
  /** Per-instance copies of facts read on every request, kept exact through `hub` invalidations. */
  caches: {
    /** Table id → what a table token is checked against. */
    tableAuth: KeyedCache<number, TableAuthState>;
    /** Admin account id → what an admin token is checked against (store, role, token version). */
    adminAuth: KeyedCache<number, AdminAuthState>;
    /** Store id → the store's menu version (the menu ETag). */
    menuVersion: KeyedCache<number, number>;
    /** `printers:<store id>` → the store's enabled printers (ticket routing reads it inside each order). */
    printerRoutes: CoherentCache<PrinterRoute[]>;
  };
}

declare module 'fastify' {
  /** Route options the app's plugins read (`config: { … }` on a route). */
  interface FastifyContextConfig {
    /**
     * The route answers 200 with a live stream that lasts as long as the client stays: its duration is
     * no request latency, so the request figures (plugins/metrics.ts) leave it out.
     */
    liveStream?: boolean;
  }
}
