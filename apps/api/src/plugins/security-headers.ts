import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { API_CSP, appCsp, BASE_SECURITY_HEADERS } from '../shared/security-headers.js';

export interface SecurityHeadersOptions {
  /** Origin images are served from when it is not this one (S3 or a CDN), for the apps' `img-src`. */
  imageOrigin?: string | undefined;
}

const isApiPath = (url: string) => url.startsWith('/api/') || url === '/health' || url === '/openapi.json';

/**
 * Security headers on every response (the whole app: wrapped with fastify-plugin). The API answers JSON
 * only, so its CSP forbids everything; the apps get theirs (their own scripts only; an app page with an
 * inline script sets its CSP with that script's hash itself, see static-apps.ts); `/docs` (Swagger UI)
 * sets its own.
 * A callback hook: no promise per response on the hot path.
 */
const securityHeaders: FastifyPluginCallback<SecurityHeadersOptions> = (app, opts, done) => {
  const csp = appCsp(opts.imageOrigin);
  app.addHook('onSend', (request, reply, payload, next) => {
    void reply.headers(BASE_SECURITY_HEADERS);
    if (!reply.hasHeader('content-security-policy') && !request.url.startsWith('/docs')) {
      void reply.header('content-security-policy', isApiPath(request.url) ? API_CSP : csp);
    }
    next(null, payload);
  });
  done();
};

export default fp(securityHeaders, { name: 'security-headers' });
