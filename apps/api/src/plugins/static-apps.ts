import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Errors } from '../shared/errors.js';
import { appCsp, inlineScriptHashes } from '../shared/security-headers.js';

export interface StaticAppsOptions {
  /** The repository (or release) root holding `apps/admin/dist` and `apps/customer/dist`. */
  root: string;
  /** The local image folder served at `/uploads/` (absent with the S3 driver). */
  uploadDir?: string | undefined;
  /** Origin images are served from when it is not this one (S3 or a CDN), for the apps' `img-src`. */
  imageOrigin?: string | undefined;
}

/**
 * Files the server serves itself, so one process is a whole system: menu images of the local driver at
 * `/uploads/`, the built tablet app at `/` and the dashboard at `/admin/` (when their builds exist).
 */
const staticApps: FastifyPluginAsync<StaticAppsOptions> = async (app, opts) => {
  if (opts.uploadDir !== undefined) {
    // Keys follow content, so a URL's bytes never change: cache for a year. Wildcard: files appear at runtime.
    await app.register(fastifyStatic, {
      root: resolve(opts.uploadDir),
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

  const apps = [
    { dir: resolve(opts.root, 'apps/admin/dist'), prefix: '/admin/' },
    { dir: resolve(opts.root, 'apps/customer/dist'), prefix: '/' },
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
    const html = readFileSync(indexFile, 'utf8');
    // The page's inline scripts (the tablet's menu bootstrap) are allowed by their hash, and only on it;
    // every other answer gets the plain app CSP from the security-headers plugin.
    const hashes = inlineScriptHashes(html);
    const pageCsp = hashes.length > 0 ? appCsp(opts.imageOrigin, hashes) : undefined;
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
        if (pageCsp && (path === indexFile || path.startsWith(`${indexFile}.`)))
          void res.header('content-security-policy', pageCsp);
      },
    });
    // SPA fallback: the app's own routes (deep links) answer its index.html; API paths stay JSON 404s,
    // and so does /metrics (served on the metrics listener only: a scraper pointed here learns it at once).
    const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
      if (/^\/(api|uploads|docs|metrics)(\/|\?|$)/.test(request.url)) throw Errors.notFound('Resource');
      if (pageCsp) void reply.header('content-security-policy', pageCsp);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
    };
    app.get(a.prefix, { schema: { hide: true } }, sendIndex);
    app.get(`${a.prefix}*`, { schema: { hide: true } }, sendIndex);
  }
};

export default staticApps;
