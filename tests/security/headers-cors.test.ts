// Attack 8: cross-origin reads and browser-side protections. CORS answers only the configured origins;
// every API and app response carries the security headers (directly and through the deploy Nginx); the
// apps run no inline script but the tablet's menu bootstrap, allowed by its hash; and nothing secret reaches the server's log.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../support/nginx.js';
import { ResultsFile } from '../support/figures.js';
import { adminLogin, http, type HttpResult } from '../support/http.js';
import { Secrets, passLogScan } from '../support/secrets.js';
import { seedDatabase, type SeededStore } from '../support/seed.js';
import { ApiProcess } from '../support/api-server.js';
import { ROOT } from '../support/common.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const results = new ResultsFile('security', import.meta.url);
const ALLOWED = ['https://tablet.example.com', 'https://admin.example.com'];
const REFUSED = [
  'https://evil.example',
  'null',
  'http://tablet.example.com', // another scheme
  'https://tablet.example.com.evil.example', // a look-alike suffix
  'https://sub.tablet.example.com',
];

interface Endpoint {
  method: string;
  path: string;
}

describe('A8: CORS, security headers and logs', () => {
  let dir: string;
  let api: ApiProcess;
  let plain: ApiProcess;
  let nginx: RunningNginx;
  let store: SeededStore;
  let endpoints: Endpoint[];
  const insecure = new Agent({ connect: { rejectUnauthorized: false } });
  const secrets = new Secrets();

  beforeAll(async () => {
    // The apps must be built for their headers and HTML to be checked (builds them once if missing).
    execFileSync(process.execPath, ['scripts/ensure-apps-built.mjs'], { cwd: ROOT, stdio: 'ignore' });
    dir = mkdtempSync(join(tmpdir(), 'to-headers-'));
    const url = `sqlite:${join(dir, 'headers.db')}`;
    [store] = (await seedDatabase(url, [{ identifier: 'headers', tables: 2 }])) as [SeededStore];
    [api, plain] = await Promise.all([
      ApiProcess.start({
        DATABASE_URL: url,
        CORS_ORIGINS: ALLOWED.join(','),
        LOG_LEVEL: 'debug',
        UPLOAD_DIR: join(dir, 'uploads'),
      }),
      ApiProcess.start({ DATABASE_URL: `sqlite:${join(dir, 'plain.db')}` }),
    ]);
    nginx = await startNginx([api.port], join(dir, 'uploads'));
    secrets.add(store.admin.password, store.tablePassword);
    const doc = (await http(api.baseUrl, 'GET', '/openapi.json')).json<{ paths: Record<string, object> }>();
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path: path.replace('{id}', '1') })),
    );
  });

  afterAll(async () => {
    await nginx?.stop();
    await api?.dispose();
    await plain?.dispose();
    await insecure.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const preflight = (base: string, e: Endpoint, origin: string) =>
    http(base, 'OPTIONS', e.path, {
      headers: {
        origin,
        'access-control-request-method': e.method,
        'access-control-request-headers': 'authorization,content-type,idempotency-key,last-event-id',
      },
    });

  it('answers CORS only for the configured origins, on every endpoint', async () => {
    showLogsOnFailure(api, plain);
    const scenario = await results.begin(
      'A8-cors',
      'CORS only for CORS_ORIGINS',
      `A server process with CORS_ORIGINS=${ALLOWED.join(',')} gets, for every endpoint of /openapi.json, a preflight (OPTIONS with Access-Control-Request-Method/Headers) from each allowed origin and from ${REFUSED.length} refused ones (another site, the null origin, the allowed host over http, a look-alike suffix, a subdomain), and a plain request from each. A second server process with no CORS_ORIGINS gets the allowed origins' preflights.`,
    );
    let requests = 0;
    const problems: string[] = [];
    const acao = (r: HttpResult) => r.headers.get('access-control-allow-origin');
    for (const e of endpoints) {
      for (const origin of ALLOWED) {
        const r = await preflight(api.baseUrl, e, origin);
        requests++;
        if (acao(r) !== origin) problems.push(`${e.method} ${e.path} preflight ${origin}: ${acao(r)}`);
        if (!(r.headers.get('access-control-allow-methods') ?? '').includes(e.method))
          problems.push(`${e.method} ${e.path}: method not allowed for ${origin}`);
        if (!/authorization/i.test(r.headers.get('access-control-allow-headers') ?? ''))
          problems.push(`${e.method} ${e.path}: Authorization not allowed for ${origin}`);
        if (r.headers.get('access-control-allow-credentials'))
          problems.push(`${e.method} ${e.path}: credentials allowed`);
        const noCors = await preflight(plain.baseUrl, e, origin);
        requests++;
        if (acao(noCors) !== null)
          problems.push(`${e.method} ${e.path} without CORS_ORIGINS: ${acao(noCors)}`);
      }
      for (const origin of REFUSED) {
        const r = await preflight(api.baseUrl, e, origin);
        requests++;
        if (acao(r) !== null) problems.push(`${e.method} ${e.path} preflight ${origin}: ${acao(r)}`);
      }
    }
    // Plain (non-preflighted) requests.
    for (const path of ['/health', '/api/v1/admin/dashboard', '/api/v1/table/menu', '/openapi.json']) {
      for (const origin of [...ALLOWED, ...REFUSED]) {
        const r = await http(api.baseUrl, 'GET', path, { headers: { origin } });
        requests++;
        const want = ALLOWED.includes(origin) ? origin : null;
        if (acao(r) !== want) problems.push(`GET ${path} from ${origin}: ${acao(r)}`);
        if (want && !(r.headers.get('vary') ?? '').toLowerCase().includes('origin'))
          problems.push(`GET ${path}: no Vary: Origin`);
      }
    }
    expect(problems).toEqual([]);
    scenario
      .volume(`${requests} CORS requests`)
      .set('endpoints', endpoints.length)
      .set('CORS requests (preflights and plain)', requests)
      .set('allowed origins answered with their own origin', 'all')
      .set('refused origins (and every origin without CORS_ORIGINS) given Access-Control-Allow-Origin', 0)
      .set('Access-Control-Allow-Credentials sent', 'never');
    await scenario.pass(
      'Passed: only the two configured origins were allowed, each echoed exactly; every other origin, and every origin on a server without CORS_ORIGINS, got no CORS grant.',
    );
  });

  it("sends the security headers on every API and app response, directly and through Nginx; the apps run no inline script but the tablet's hashed bootstrap", async () => {
    showLogsOnFailure(api, plain);
    const scenario = await results.begin(
      'A8-headers',
      'Security headers on the API and the apps',
      "Every endpoint of /openapi.json (unauthenticated, so errors too), /health, /openapi.json, an unknown API path, the tablet app and the dashboard (entry pages, deep links, their hashed scripts and styles, the manifest) and an uploaded image are fetched from the server process and through the deploy Nginx (HTTPS). Every answer must carry X-Content-Type-Options: nosniff and a Referrer-Policy that sends no path to other sites; API answers a CSP of default-src 'none' with frame-ancestors 'none'; HTML answers a CSP whose scripts are self only (no 'unsafe-inline', no 'unsafe-eval') with frame-ancestors 'none'. App pages and /docs (Swagger UI) must also say X-Frame-Options: DENY. The HTML of both apps must contain no inline event handler and no inline script except the tablet's menu bootstrap, which its CSP (the server's and Nginx's) must name by its SHA-256.",
    );
    const token = await adminLogin(api.baseUrl, 'headers', 'owner', store.admin.password);
    secrets.add(token);
    const form = new FormData();
    const sharp = (await import('sharp')).default;
    const png = await sharp({
      create: { width: 8, height: 8, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'x.png');
    const up = await fetch(`${api.baseUrl}/api/v1/admin/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    expect(up.status).toBe(201);
    const image = new URL(((await up.json()) as { url: string }).url, api.baseUrl).pathname;

    const apps = ['/', '/orders/deep/link', '/admin/', '/admin/tables/3/history'];
    const htmlPages = new Map<string, string>();
    for (const p of apps) htmlPages.set(p, (await http(api.baseUrl, 'GET', p)).text);
    const assets = [
      ...new Set(
        [...htmlPages.values()].flatMap((h) =>
          [...h.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css|webmanifest))"/g)].map((m) => m[1]!),
        ),
      ),
    ];
    expect(assets.length, 'hashed scripts, styles and the manifest').toBeGreaterThanOrEqual(4);

    const problems: string[] = [];
    const safeReferrer = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
    // Inline scripts of an app page run only when its CSP names their SHA-256 (the tablet's menu
    // bootstrap): each one must be named, by the server and by Nginx (deploy/nginx holds it literally).
    const inlineHashes = (html: string) =>
      [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
        .filter((m) => !/\bsrc=/.test(m[1] ?? ''))
        .map(
          (m) =>
            `'sha256-${createHash('sha256')
              .update(m[2] ?? '', 'utf8')
              .digest('base64')}'`,
        );
    let hashedInline = 0;
    const checkHeaders = (label: string, r: HttpResult, kind: 'api' | 'html' | 'asset' | 'docs') => {
      const h = (n: string) => r.headers.get(n) ?? '';
      if (h('x-content-type-options').split(',')[0]?.trim() !== 'nosniff')
        problems.push(`${label}: nosniff missing`);
      if (!safeReferrer.includes(h('referrer-policy').split(',')[0]?.trim() ?? ''))
        problems.push(`${label}: referrer-policy "${h('referrer-policy')}"`);
      const csp = h('content-security-policy');
      const directive = (name: string) => new RegExp(`(?:^|;)\\s*${name}\\s+([^;]*)`).exec(csp)?.[1]?.trim();
      if (kind === 'api') {
        if (directive('default-src') !== "'none'") problems.push(`${label}: API CSP "${csp}"`);
        if (directive('frame-ancestors') !== "'none'") problems.push(`${label}: frame-ancestors`);
      }
      if (kind === 'html') {
        const scripts = directive('script-src') ?? directive('default-src') ?? '';
        if (!scripts || /unsafe-inline|unsafe-eval|\*|data:/.test(scripts))
          problems.push(`${label}: script CSP "${scripts}"`);
        const sources = scripts.split(/\s+/);
        for (const hash of inlineHashes(r.text)) {
          if (sources.includes(hash)) hashedInline++;
          else problems.push(`${label}: inline script ${hash} not in script-src "${scripts}"`);
        }
        if (directive('frame-ancestors') !== "'none'") problems.push(`${label}: frame-ancestors "${csp}"`);
      }
      // Nginx adds its headers to the API's own, so a value may come twice ("DENY, DENY"): all must agree.
      const xfo = new Set(
        h('x-frame-options')
          .split(',')
          .map((v) => v.trim()),
      );
      if ((kind === 'docs' || kind === 'html') && (xfo.size !== 1 || !xfo.has('DENY')))
        problems.push(`${label}: X-Frame-Options "${h('x-frame-options')}"`);
      if (label.startsWith('nginx') && !/max-age=\d{7,}/.test(h('strict-transport-security')))
        problems.push(`${label}: Strict-Transport-Security "${h('strict-transport-security')}"`);
    };
    let responses = 0;
    const visit = async (base: string, where: string, dispatcher?: Agent) => {
      const get = (path: string, method = 'GET') =>
        http(base, method, path, dispatcher ? { dispatcher } : {});
      for (const e of endpoints) {
        const r = await http(base, e.method, e.path, {
          ...(dispatcher ? { dispatcher } : {}),
          ...(['POST', 'PUT', 'PATCH'].includes(e.method) && !e.path.endsWith('/images') ? { body: {} } : {}),
          timeoutMs: 10_000,
        });
        responses++;
        expect(r.status, `${where} ${e.method} ${e.path}`).toBeLessThan(500);
        checkHeaders(`${where} ${e.method} ${e.path} (${r.status})`, r, 'api');
      }
      for (const p of ['/health', '/openapi.json', '/api/v1/no-such-thing']) {
        responses++;
        checkHeaders(`${where} ${p}`, await get(p), 'api');
      }
      for (const p of apps) {
        const r = await get(p);
        responses++;
        expect(r.headers.get('content-type'), `${where} ${p}`).toContain('text/html');
        checkHeaders(`${where} ${p}`, r, 'html');
      }
      for (const p of [...assets, image]) {
        const r = await get(p);
        responses++;
        expect(r.status, `${where} ${p}`).toBe(200);
        checkHeaders(`${where} ${p}`, r, 'asset');
      }
      const docs = await get('/docs');
      responses++;
      checkHeaders(`${where} /docs`, docs, 'docs');
      return docs;
    };
    const docs = await visit(api.baseUrl, 'direct');
    await visit(nginx.httpsUrl, 'nginx', insecure);

    // The HTML itself: no inline handlers; inline scripts only the tablet's bootstrap (allowed by hash above).
    const inline: string[] = [];
    for (const [p, html] of htmlPages) {
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
      const inlineScripts = scripts.filter((m) => !/\bsrc=/.test(m[1] ?? '') || (m[2] ?? '').trim() !== '');
      const bootstrap = (m: RegExpExecArray) =>
        !/\bsrc=/.test(m[1] ?? '') && (m[2] ?? '').includes('prefetchMenu');
      for (const m of inlineScripts) {
        if (p.startsWith('/admin') || !bootstrap(m)) inline.push(`${p}: <script${m[1]}>`);
      }
      for (const m of html.matchAll(/\son[a-z]+\s*=/gi)) inline.push(`${p}: handler ${m[0]}`);
    }
    expect(inline).toEqual([]);
    // The tablet's pages (two routes, direct and through Nginx) each named their bootstrap.
    expect(hashedInline).toBe(4);
    expect(problems).toEqual([]);
    const hsts = (await http(nginx.httpsUrl, 'GET', '/', { dispatcher: insecure })).headers.get(
      'strict-transport-security',
    );
    scenario
      .volume(`${responses} responses`)
      .set('responses checked (direct + through Nginx)', responses)
      .set("API answers with CSP default-src 'none'; frame-ancestors 'none'", 'all')
      .set(
        "app pages with script-src 'self' only and frame-ancestors 'none'",
        `${apps.length} direct + ${apps.length} through Nginx`,
      )
      .set(
        "inline scripts or handlers in the apps' HTML other than the tablet's menu bootstrap",
        inline.length,
      )
      .set("tablet pages whose CSP names the bootstrap's SHA-256 (direct + through Nginx)", hashedInline)
      .set('answers without nosniff or a safe Referrer-Policy', 0)
      .set('Strict-Transport-Security on every answer through Nginx (e.g. the tablet app)', hsts ?? 'absent')
      .set(
        '/docs (Swagger UI) CSP',
        docs.headers.get('content-security-policy') ?? 'none (X-Frame-Options: DENY)',
      );
    await scenario.pass(
      'Passed: every API and app answer, direct and through Nginx, carried nosniff and no-referrer; API answers forbid everything and framing; the apps load scripts only from their own origin, forbid framing, and run no inline script except the tablet’s menu bootstrap, which both CSPs name by its hash.',
    );
  });

  it('writes no token, password or Authorization header to its log (debug level)', async () => {
    showLogsOnFailure(api, plain);
    const scenario = await results.begin(
      'A8-logs-headers',
      'No secrets in the log: CORS and headers server',
      'The CORS and headers server process (LOG_LEVEL=debug, behind Nginx for half of the requests, with an image upload) has its output scanned like the others.',
    );
    await passLogScan(scenario, secrets, api.logs(), 200);
  });
});
