import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../infra/metrics.js';

export interface MetricsHooksOptions {
  metrics: Metrics;
}

/**
 * Request figures for the whole app (wrapped with fastify-plugin): every answered request by method,
 * route template (`routeOptions.url`, never the raw URL, so ids stay out of the labels) and status
 * class, with its duration. A 200 of a route flagged `config: { liveStream: true }` (app-context.ts) is
 * a stream, not a request latency: left out. A callback hook: no promise per response on the hot path.
 * What Node's HTTP parser refuses before Fastify sees it (`clientErrorHandler`) is not counted.
 */
const metricsHooks: FastifyPluginCallback<MetricsHooksOptions> = (app, { metrics }, done) => {
  app.addHook('onResponse', (request, reply, next) => {
    const { config, url } = request.routeOptions;
    if (!(config.liveStream && reply.statusCode === 200)) {
      metrics.requestServed(request.method, url, reply.statusCode, reply.elapsedTime / 1000);
    }
    next();
  });
  done();
};

export default fp(metricsHooks, { name: 'metrics' });
