// What the fault scenarios on MariaDB start from: their own MariaDB (and their own Redis when asked) with
// one seeded store, API processes on that database, an audit of its orders, and one dispose for it all.
import { ApiProcess } from './api-server.js';
import { auditOrders, type OrderAudit } from './audit.js';
import { OwnMariaDb } from './mariadb.js';
import { OwnRedis } from './redis.js';
import { openDb, seedDatabase, type SeededStore, type StoreSpec } from './seed.js';
import type { Acknowledged, OrderBody } from './tablets.js';

export interface FaultBedOptions {
  /** The database's name on the private MariaDB. */
  database: string;
  store: StoreSpec;
  /** Also a private Redis: every API process then gets REDIS_URL and this REDIS_EVENTS_CHANNEL. */
  redisChannel?: string;
}

export class FaultBed {
  private readonly apis: ApiProcess[] = [];

  private constructor(
    readonly mariadb: OwnMariaDb,
    private readonly ownRedis: OwnRedis | undefined,
    private readonly env: Record<string, string>,
    /** The database's URL on the private MariaDB. */
    readonly url: string,
    readonly store: SeededStore,
  ) {}

  static async create(opts: FaultBedOptions): Promise<FaultBed> {
    const mariadb = await OwnMariaDb.create();
    let redis: OwnRedis | undefined;
    try {
      redis = opts.redisChannel ? await OwnRedis.create() : undefined;
      const url = await mariadb.createDatabase(opts.database);
      const [store] = await seedDatabase(url, [opts.store]);
      if (!store) throw new Error('no store seeded');
      const env = {
        DATABASE_URL: url,
        ...(redis && opts.redisChannel
          ? { REDIS_URL: redis.url, REDIS_EVENTS_CHANNEL: opts.redisChannel }
          : {}),
      };
      return new FaultBed(mariadb, redis, env, url, store);
    } catch (err) {
      await redis?.dispose();
      await mariadb.dispose();
      throw err;
    }
  }

  /** The private Redis (only with `redisChannel`). */
  get redis(): OwnRedis {
    if (!this.ownRedis) throw new Error('this fault bed has no Redis');
    return this.ownRedis;
  }

  /** Starts `count` API processes at once on the bed's database (and Redis), `env` on top. */
  async startApis(count: number, env: Record<string, string> = {}): Promise<ApiProcess[]> {
    const results = await Promise.allSettled(
      Array.from({ length: count }, () => ApiProcess.start({ ...this.env, ...env })),
    );
    const started = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    this.apis.push(...started); // disposed with the bed even when another one failed to start
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    return started;
  }

  /** Audits the store's orders in the database against what the tablets were told. */
  async audit(
    acknowledged: Map<string, Acknowledged>,
    pending: Map<string, { tableId: number; body: OrderBody }>,
  ): Promise<OrderAudit> {
    const handle = openDb(this.url);
    try {
      return await auditOrders(handle.db, this.store.storeId, acknowledged, pending);
    } finally {
      await handle.close();
    }
  }

  /** Stops the API processes, then Redis and MariaDB. */
  async dispose(): Promise<void> {
    for (const api of this.apis) await api.dispose();
    await this.ownRedis?.dispose();
    await this.mariadb.dispose();
  }
}
