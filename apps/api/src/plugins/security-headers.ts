import type { FastifyPluginCallback } from 'fastify';
import fp from 'fastify-plugin';
import { API_CSP, BASE_SECURITY_HEADERS } from '../shared/security-headers.js';

export interface SecurityHeadersOptions {
  /** Origin images are served from when it is not this one (S3 or a CDN), for the apps' `img-src`. */
  imageOrigin?: string | undefined;
}

/** The apps load only their own scripts (no inline script); images may come from the image storage. */
function appCsp(imageOrigin: string | undefined): string {
  const img = ["'self'", 'data:', 'blob:', ...(imageOrigin ? [imageOrigin] : [])].join(' ');
  return `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src ${img}; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`;
}

const isApiPath = (url: string) => url.startsWith('/api/') || url === '/health' || url === '/openapi.json';

/**
 * Security headers on every response (the whole app: wrapped with fastify-plugin). The API answers JSON
 * only, so its CSP forbids everything; the apps get theirs; `/docs` (Swagger UI) sets its own.
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
