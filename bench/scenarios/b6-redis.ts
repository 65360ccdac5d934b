// B6: B3 across two instances sharing events through Redis (a private redis-server), on MariaDB (the
// multi-instance deployment's database). Streams and orders alternate between the instances, so about
// half of all deliveries cross Redis.
import type { BenchContext, Scenario } from '../lib/context.js';
import type { Fixture } from '../lib/fixture.js';
import { runLoad, summarize } from '../lib/load.js';
import type { HttpServer } from '../lib/servers.js';
import { orderBody } from './b2-orders.js';
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
      const capacity = await orderCapacity(ctx, [a, b], fixture);
      ctx.measured.set('B6.capacity', capacity.rps);
      const out = await deliveryAtTwoRates(ctx, {
        id: 'B6',
        instances: [a, b],
        fixture,
        capacityKey: 'B6.capacity',
        capacitySource: 'B6 (both instances saturated with orders, no streams)',
        targets: { p99: 100 },
        cross: true,
      });
      await Promise.all([a.stop(), b.stop()]);
      out.details.capacity = capacity;
      return out;
    } finally {
      await redis.dispose();
    }
  },
};

/** Orders/s the two instances carry together at saturation (100 connections each, closed loop). */
async function orderCapacity(ctx: BenchContext, instances: HttpServer[], fixture: Fixture) {
  const connections = 100;
  const runs = await Promise.all(
    instances.map((srv, k) => {
      let next = k;
      return runLoad({
        url: `${srv.baseUrl}/api/v1/table/orders`,
        method: 'POST',
        connections,
        duration: ctx.durationSec,
        idReplacement: true,
        setupClient: (c) => {
          const t = fixture.tables[next % fixture.tables.length];
          next += instances.length;
          if (!t) return;
          c.setHeadersAndBody(
            {
              authorization: `Bearer ${t.token}`,
              'content-type': 'application/json',
              'idempotency-key': `b6-capacity-${k}-[<id>]`,
            },
            orderBody(t, next),
          );
        },
      }).then((r) => summarize(r, connections));
    }),
  );
  return { rps: runs.reduce((n, r) => n + r.rps, 0), runs };
}
