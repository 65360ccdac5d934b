import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import type { Metrics } from '../infra/metrics.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route answers 200 with a live stream that lasts as long as the client stays: its duration is
     * no request latency, so the request figures leave it out (the stream figures count it).
     */
    liveStream?: boolean;
  }
}

export interface MetricsHooksOptions {
  metrics: Metrics;
}

/**
 * Request figures for the whole app (wrapped with fastify-plugin): every answered request by method,
 * route template (`routeOptions.url`, never the raw URL, so ids stay out of the labels) and status
 * class, with its duration. A callback hook: no promise per response on the hot path. What Node's HTTP
 * parser refuses before Fastify sees it (`clientErrorHandler`) is not counted.
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
