// The apps' Content-Security-Policy as a browser receives it: the tablet page allows its inline menu
// bootstrap by hash (and nothing else inline), every other page and asset keeps `script-src 'self'`.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import securityHeaders from '../src/plugins/security-headers.js';
import staticApps from '../src/plugins/static-apps.js';
import { inlineScriptHashes } from '../src/shared/security-headers.js';

const BOOT = '(function(){window.__booted=1;})();';
const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
const scriptSrc = (csp: string | undefined) => /(?:^|;)\s*script-src\s+([^;]*)/.exec(csp ?? '')?.[1]?.trim();

describe('app pages: CSP with the inline bootstrap by hash', () => {
  let root: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'csp-apps-'));
    for (const [dir, html] of [
      [
        'apps/customer/dist',
        `<!doctype html><head><meta charset="utf-8" />\n<script>${BOOT}</script><script type="module" crossorigin src="/assets/a.js"></script></head>`,
      ],
      [
        'apps/admin/dist',
        '<!doctype html><head><script type="module" src="/admin/assets/b.js"></script></head>',
      ],
    ] as const) {
      mkdirSync(join(root, dir, 'assets'), { recursive: true });
      writeFileSync(join(root, dir, 'index.html'), html);
      writeFileSync(join(root, dir, 'assets', 'a.js'), 'export {};');
    }
    app = Fastify();
    await app.register(securityHeaders, {});
    await app.register(staticApps, { root, imageOrigin: 'https://img.example' });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('hashes inline scripts as the browser does, and skips scripts with src', () => {
    expect(
      inlineScriptHashes(
        `<script>${BOOT}</script><script src="/x.js"></script><script type="module" src="/y.js"></script>`,
      ),
    ).toEqual([sha(BOOT)]);
    expect(inlineScriptHashes('<p>no scripts</p>')).toEqual([]);
  });

  it("the tablet's page (any route) allows exactly its bootstrap; assets, the dashboard and the API do not", async () => {
    for (const url of ['/', '/orders/deep/link', '/index.html']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      const csp = r.headers['content-security-policy'] as string;
      expect(scriptSrc(csp), url).toBe(`'self' ${sha(BOOT)}`);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("img-src 'self' data: blob: https://img.example");
    }
    const asset = await app.inject({ url: '/assets/a.js' });
    expect(scriptSrc(asset.headers['content-security-policy'] as string)).toBe("'self'");
    const admin = await app.inject({ url: '/admin/' });
    expect(scriptSrc(admin.headers['content-security-policy'] as string)).toBe("'self'");
    const api = await app.inject({ url: '/api/v1/nothing' });
    expect(api.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  });
});
