import type { Config } from './config/index.js';
import type { EventHub } from './infra/event-hub.js';
import type { Db } from './infra/db.js';
import type { ImageStorage } from './infra/storage.js';
import type { TokenService } from './infra/tokens.js';
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
}
