// B6: B3 across two instances sharing events through Redis (a private redis-server), on MariaDB (the
// multi-instance deployment's database). Streams and orders alternate between the instances, so about
// half of all deliveries cross Redis.
import type { Scenario } from '../lib/context.js';
import { deliveryAtTwoRates } from './b3-delivery.js';
import { OwnRedis } from '../../tests/support/redis.js';

export const b6: Scenario = {
  id: 'B6',
  title: 'B3 across two instances through Redis (MariaDB)',
  async run(ctx) {
    const fixture = await ctx.mysql();
    const redis = await OwnRedis.create();
    try {
      const a = await ctx.api('B6', {
        name: 'b6-api-a',
        databaseUrl: fixture.databaseUrl,
        redisUrl: redis.url,
      });
      const b = await ctx.api('B6', {
        name: 'b6-api-b',
        databaseUrl: fixture.databaseUrl,
        redisUrl: redis.url,
      });
      for (const s of [a, b]) {
        const health = (await (await fetch(`${s.baseUrl}/health`)).json()) as { redis: string };
        if (health.redis !== 'ok') throw new Error(`${s.name}: redis ${health.redis}`);
      }
      const out = await deliveryAtTwoRates(ctx, {
        id: 'B6',
        instances: [a, b],
        fixture,
        capacityKey: 'B2.mariadb.rps',
        targets: { p99: 100 },
        cross: true,
      });
      await Promise.all([a.stop(), b.stop()]);
      return out;
    } finally {
      await redis.dispose();
    }
  },
};
