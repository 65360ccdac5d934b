// The deploy kit proven in a real Nginx: deploy/nginx/table-order.conf (paths and ports rewritten for
// loopback) in front of two API processes on MariaDB + Redis, over HTTPS with a self-signed certificate.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { Agent, setGlobalDispatcher } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startDemoServer, type ApiProcess } from '../../../tests/support/api-server.js';
import { ROOT } from '../../../tests/support/common.js';
import { createMysqlDatabase } from '../../../tests/support/mariadb.js';
import { startNginx, type RunningNginx } from '../../../tests/support/nginx.js';
import { SseClient } from '../src/modules/events/events.test-helpers.js';
import { parsePrometheusText, valueOf } from './prometheus-text.js';

/** Addresses listening on a TCP port (Linux /proc/net/tcp{,6}), e.g. 127.0.0.1. */
function listeningAddresses(port: number): string[] {
  const out: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      if (!local || state !== '0A') continue; // 0A: LISTEN
      const [addr, hexPort] = local.split(':');
      if (parseInt(hexPort!, 16) !== port) continue;
      out.push(
        addr!.length === 8
          ? (addr!.match(/../g) ?? [])
              .reverse()
              .map((h) => parseInt(h, 16))
              .join('.')
          : `[ipv6 ${addr}]`,
      );
    }
  }
  return out;
}

describe('deploy kit in a real Nginx', () => {
  let db: { url: string; drop: () => Promise<void> };
  let uploads: string;
  let api1: ApiProcess;
  let api2: ApiProcess;
  let nginx: RunningNginx;
  let base: string;
  let admin: string;
  let table: string;

  const call = async (
    method: string,
    path: string,
    token?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return {
      status: r.status,
      headers: r.headers,
      text,
      json: () => JSON.parse(text) as Record<string, any>,
    };
  };

  beforeAll(async () => {
    for (const app of ['customer', 'admin']) {
      if (!existsSync(join(ROOT, `apps/${app}/dist/index.html`)))
        throw new Error(`apps/${app} is not built: run npm run build:apps`);
    }
    // The test's self-signed certificate.
    setGlobalDispatcher(new Agent({ connect: { rejectUnauthorized: false } }));
    db = await createMysqlDatabase();
    uploads = mkdtempSync(join(tmpdir(), 'to-uploads-'));
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      TRUSTED_PROXIES: '127.0.0.1',
      UPLOAD_DIR: uploads,
    };
    api1 = await startDemoServer(env);
    api2 = await startDemoServer(env);
    nginx = await startNginx([api1.port, api2.port], uploads);
    base = nginx.httpsUrl;
    admin = (
      await call('POST', '/api/v1/auth/admin/login', undefined, {
        storeIdentifier: DEMO.store,
        username: DEMO.admin,
        password: DEMO.adminPassword,
      })
    ).json().accessToken;
    table = (
      await call('POST', '/api/v1/auth/table/login', undefined, {
        storeIdentifier: DEMO.store,
        tableNumber: 1,
        password: DEMO.tablePassword,
      })
    ).json().accessToken;
  });

  afterAll(async () => {
    await nginx?.stop();
    await api1?.dispose();
    await api2?.dispose();
    await db?.drop();
    if (uploads) rmSync(uploads, { recursive: true, force: true });
  });

  it('redirects HTTP to HTTPS and answers /health through the proxy', async () => {
    const plain = await fetch(`${nginx.httpUrl}/health`, { redirect: 'manual' });
    expect(plain.status).toBe(301);
    expect(plain.headers.get('location')).toMatch(/^https:\/\/[^/]+\/health$/);
    const h = await call('GET', '/health');
    expect(h.status).toBe(200);
    expect(h.json()).toMatchObject({ status: 'ok', db: 'ok' });
    expect(h.headers.get('strict-transport-security')).toContain('max-age');
  });

  it('keeps /metrics off the public site: each instance serves it on its own loopback listener only', async () => {
    const scrape = async (api: ApiProcess) => {
      const r = await fetch(`${api.metricsUrl}/metrics`);
      expect(r.status).toBe(200);
      return parsePrometheusText(await r.text());
    };
    const placed = async () =>
      (valueOf(await scrape(api1), 'table_order_orders_placed_total') ?? 0) +
      (valueOf(await scrape(api2), 'table_order_orders_placed_total') ?? 0);

    // Directly on each instance's metrics port: Redis is up, and an order through Nginx is counted.
    for (const api of [api1, api2]) {
      const f = await scrape(api);
      expect(valueOf(f, 'table_order_redis_state', { state: 'ok' })).toBe(1);
      expect(valueOf(f, 'table_order_build_info', { dialect: 'mysql' })).toBe(1);
      expect(listeningAddresses(api.metricsPort)).toEqual(['127.0.0.1']);
    }
    const before = await placed();
    const menu = (await call('GET', '/api/v1/table/menu', table)).json();
    const order = await call('POST', '/api/v1/table/orders', table, {
      items: [{ menuItemId: menu.categories[0].items[0].id as number, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    expect(await placed()).toBe(before + 1);

    // Through Nginx, over HTTPS and plain HTTP, under every spelling a client might try: never the figures.
    for (const path of [
      '/metrics',
      '/metrics/',
      '/metrics?x=1',
      '/METRICS',
      '/api/../metrics',
      '/api/v1/metrics',
    ]) {
      const r = await call('GET', path);
      expect(r.text, path).not.toMatch(/table_order_|# TYPE /);
      expect(r.status, `${path}: ${r.text.slice(0, 100)}`).toBe(404);
    }
    const viaHttp = await fetch(`${nginx.httpUrl}/metrics`, { redirect: 'manual' });
    expect(viaHttp.status).toBe(301); // to HTTPS, where it is 404
    expect(await viaHttp.text()).not.toMatch(/table_order_/);
    expect(nginx.config).not.toContain(String(api1.metricsPort));
    // Nor on the API's own port, which Nginx proxies to.
    const direct = await fetch(`${api1.baseUrl}/metrics`);
    expect(direct.status).toBe(404);
    expect(await direct.text()).not.toMatch(/table_order_/);
  });

  it('delivers an order placed through the proxy to a stream through the proxy within 200 ms', async () => {
    const opened = await SseClient.open(`${base}/api/v1/admin/events`, { token: admin });
    expect(opened.status).toBe(200);
    const stream = opened.client!;
    try {
      await new Promise((r) => setTimeout(r, 100));
      const menu = (await call('GET', '/api/v1/table/menu', table)).json();
      const itemId = menu.categories[0].items[0].id as number;
      const t0 = performance.now();
      const placed = await call('POST', '/api/v1/table/orders', table, {
        items: [{ menuItemId: itemId, quantity: 1 }],
      });
      expect(placed.status).toBe(201);
      const msg = await stream.nextOf('order.created', 2000);
      const elapsed = performance.now() - t0;
      expect((JSON.parse(msg.data) as { id: number }).id).toBe(placed.json().id);
      expect(elapsed).toBeLessThan(200);
    } finally {
      stream.close();
    }
  });

  it('keeps serving through the other instance when one is killed, and streams resume with replay', async () => {
    const menu = (await call('GET', '/api/v1/table/menu', table)).json();
    const itemId = menu.categories[0].items[0].id as number;
    const order = async () => {
      const r = await call('POST', '/api/v1/table/orders', table, {
        items: [{ menuItemId: itemId, quantity: 1 }],
      });
      expect(r.status).toBe(201);
      return r.json().id as number;
    };
    const createdIds = (c: SseClient) =>
      c.messages
        .filter((m) => m.event === 'order.created')
        .map((m) => (JSON.parse(m.data) as { id: number }).id);

    // Two streams opened one after the other: round-robin puts them on different instances.
    const clients: SseClient[] = [];
    for (let i = 0; i < 2; i++) {
      const opened = await SseClient.open(`${base}/api/v1/admin/events`, { token: admin });
      expect(opened.status).toBe(200);
      clients.push(opened.client!);
    }
    const placed = [await order()];
    for (const c of clients) await c.nextOf('order.created', 2000);

    await api1.kill('SIGKILL');
    for (let i = 0; i < 6; i++) {
      placed.push(await order());
      expect((await call('GET', '/health')).status).toBe(200);
    }
    expect(
      clients.some((c) => c.ended),
      `one stream was on the killed instance\n${nginx.errorLog()}`,
    ).toBe(true);

    // The stream on the dead instance ended; it reconnects through the proxy with Last-Event-ID, as the apps do.
    for (const c of clients) {
      let resumed: SseClient | undefined;
      if (c.ended) {
        const again = await SseClient.open(`${base}/api/v1/admin/events`, {
          token: admin,
          lastEventId: c.lastEventId,
        });
        expect(again.status).toBe(200);
        resumed = again.client!;
      }
      const received = () => [...createdIds(c), ...(resumed ? createdIds(resumed) : [])];
      await (resumed ?? c).waitFor(
        () => (placed.every((id) => received().includes(id)) ? true : undefined),
        5000,
        'every order',
      );
      const ofThese = received().filter((id) => placed.includes(id));
      expect(ofThese.sort((a, b) => a - b)).toEqual([...placed].sort((a, b) => a - b)); // each once, none missing
      resumed?.close();
      c.close();
    }
    await api1.start();
  });

  it('passes a 5 MB image upload and refuses 6 MB with 413 in the error shape', async () => {
    const side = 1270; // 1270×1270 RGB noise ≈ 4.8 MB as an uncompressed PNG
    const png = await sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    expect(png.length).toBeGreaterThan(4_500_000);
    expect(png.length).toBeLessThan(5 * 1024 * 1024);
    const upload = async (bytes: Buffer, name: string) => {
      const form = new FormData();
      form.append('file', new Blob([bytes], { type: 'image/png' }), name);
      const r = await fetch(`${base}/api/v1/admin/images`, {
        method: 'POST',
        headers: { authorization: `Bearer ${admin}` },
        body: form,
      });
      return { status: r.status, body: (await r.json()) as Record<string, string> };
    };
    const ok = await upload(png, 'big.png');
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    // The stored image is served by Nginx from the upload folder with the immutable cache header.
    const img = await fetch(`${base}${new URL(ok.body.url!, base).pathname}`);
    expect(img.status).toBe(200);
    expect(img.headers.get('cache-control')).toContain('immutable');

    const tooBig = await upload(randomBytes(6 * 1024 * 1024), 'huge.png');
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error).toBe('payload_too_large');
  });

  it('answers over-long ids with 404 and huge headers with 431, in the error shape', async () => {
    const expectShape = (
      r: Awaited<ReturnType<typeof call>>,
      status: number,
      code: string,
      label: string,
    ) => {
      expect(r.status, `${label}: ${r.text.slice(0, 200)}\n${nginx.errorLog().slice(-1500)}`).toBe(status);
      expect(r.headers.get('content-type'), label).toContain('application/json');
      expect(Object.keys(r.json()).sort(), label).toEqual(['error', 'message']);
      expect(r.json().error, label).toBe(code);
    };
    // 100 characters and 10 KB reach the API; 20 KB is past Nginx's request line buffer (its 414).
    for (const length of [100, 10_000, 20_000]) {
      const id = '9'.repeat(length);
      expectShape(await call('GET', `/api/v1/admin/orders/${id}`, admin), 404, 'not_found', `id ${length}`);
      expectShape(
        await call('PATCH', `/api/v1/admin/tables/${id}`, admin, { number: 5 }),
        404,
        'not_found',
        `patch id ${length}`,
      );
    }
    // One header line past Nginx's buffer (its 494), and many that pass Nginx but not the API.
    expectShape(
      await call('GET', '/api/v1/table/menu', table, undefined, { 'x-big': 'x'.repeat(20_000) }),
      431,
      'headers_too_large',
      'one huge header',
    );
    const many = Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`x-big-${i}`, 'y'.repeat(6000)]));
    expectShape(
      await call('GET', '/api/v1/table/menu', table, undefined, many),
      431,
      'headers_too_large',
      'many large headers',
    );
  });

  it('serves both apps with their deep links, caching hashed assets and never index.html', async () => {
    for (const [path, marker] of [
      ['/', 'customer'],
      ['/orders/some/deep/link', 'customer'],
      ['/admin/', 'admin'],
      ['/admin/tables/3/history', 'admin'],
    ] as const) {
      const r = await call('GET', path);
      expect(r.status, path).toBe(200);
      expect(r.headers.get('content-type')).toContain('text/html');
      expect(r.headers.get('cache-control')).toBe('no-cache');
      expect(r.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const asset = /(?:src|href)="(\/(?:admin\/)?assets\/[^"]+\.js)"/.exec(r.text)?.[1];
      expect(asset, `${marker} index.html names a hashed script`).toBeDefined();
      const js = await call('GET', asset!, undefined, undefined, { 'accept-encoding': 'gzip' });
      expect(js.status).toBe(200);
      expect(js.headers.get('cache-control')).toContain('immutable');
      // Nginx sends the build's gzip copy as is (gzip_static: its exact length, no chunked recompression).
      const file = join(
        ROOT,
        'apps',
        marker === 'admin' ? 'admin' : 'customer',
        'dist',
        asset!.replace(/^\/(admin\/)?/, ''),
      );
      expect(js.headers.get('content-encoding')).toBe('gzip');
      expect(Number(js.headers.get('content-length'))).toBe(statSync(`${file}.gz`).size);
      // The API serves the apps itself too (single-machine setup), also from the precompressed copies.
      const direct = await fetch(`${api1.baseUrl}${asset!}`, { headers: { 'accept-encoding': 'br' } });
      expect(direct.headers.get('content-encoding')).toBe('br');
      expect(Number(direct.headers.get('content-length'))).toBe(statSync(`${file}.br`).size);
      expect(await direct.text()).toBe(js.text);
    }
    const redirect = await fetch(`${base}/admin`, { redirect: 'manual' });
    expect(redirect.status).toBe(301);
  });
});
