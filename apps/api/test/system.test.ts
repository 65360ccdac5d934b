// Health, OpenAPI, security headers and CORS as an operator and a browser see them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, onMysql, type TestApp } from './harness.js';

describe('system endpoints', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ CORS_ORIGINS: 'https://shop.example' });
  });
  afterAll(() => t.close());

  it('GET /health reports the database, redis, storage and version', async () => {
    const r = await t.app.inject({ url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body)).toEqual({
      status: 'ok',
      db: 'ok',
      redis: 'disabled',
      storage: 'local',
      version: expect.any(String),
    });
  });

  it('serves an OpenAPI document generated from the schemas, and /docs', async () => {
    const r = await t.app.inject({ url: '/openapi.json' });
    expect(r.statusCode).toBe(200);
    const doc = JSON.parse(r.body) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/admin/login',
      '/api/v1/auth/table/login',
      '/api/v1/table/menu',
      '/api/v1/table/orders',
      '/api/v1/admin/dashboard',
      '/api/v1/admin/tables/{id}/orders',
      '/api/v1/admin/orders/{id}',
      '/api/v1/admin/tables',
      '/api/v1/admin/tables/{id}',
      '/api/v1/admin/tables/{id}/checkout',
      '/api/v1/admin/tables/{id}/history',
      '/api/v1/admin/categories',
      '/api/v1/admin/categories/{id}',
      '/api/v1/admin/categories/order',
      '/api/v1/admin/menu-items',
      '/api/v1/admin/menu-items/{id}',
      '/api/v1/admin/menu-items/order',
      '/api/v1/table/calls',
      '/api/v1/admin/calls',
      '/api/v1/admin/calls/{id}/acknowledge',
      '/api/v1/admin/store',
      '/api/v1/table/store',
      '/api/v1/admin/option-groups',
      '/api/v1/admin/option-groups/{id}',
      '/api/v1/admin/me',
      '/api/v1/admin/accounts',
      '/api/v1/admin/accounts/{id}',
    ]) {
      expect(doc.paths, p).toHaveProperty([p]);
    }
    expect(JSON.stringify(doc.paths['/api/v1/table/orders']!.post!.requestBody)).toContain('quantity');
    expect(JSON.stringify(doc.paths['/api/v1/admin/store']!.patch!.requestBody)).toContain('callReasons');
    expect(JSON.stringify(doc.paths['/api/v1/table/orders']!.post!.requestBody)).toContain('optionIds');
    expect(JSON.stringify(doc.paths['/api/v1/admin/accounts']!.post!.requestBody)).toContain('role');
    const docs = await t.app.inject({ url: '/docs' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sets security headers on API responses', async () => {
    const r = await t.app.inject({ url: '/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('allows CORS only for CORS_ORIGINS', async () => {
    const ok = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/admin/login',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' },
    });
    expect(ok.headers['access-control-allow-origin']).toBe('https://shop.example');
    const evil = await t.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/admin/login',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('health when the database is unreachable', () => {
  it('answers 503 with Retry-After, and API calls answer 503 instead of 500', async () => {
    const t = await createTestApp();
    try {
      if (onMysql) {
        // Point a second app at a port where nothing listens.
        const { buildApp, createRuntime } = await import('../src/app.js');
        const { loadConfig } = await import('../src/config/index.js');
        const rt = createRuntime(
          loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'mysql://root@127.0.0.1:1/none' }),
        );
        const app = await buildApp(rt);
        const h = await app.inject({ url: '/health' });
        expect(h.statusCode).toBe(503);
        expect(h.headers['retry-after']).toBeDefined();
        const login = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/admin/login',
          payload: { storeIdentifier: 'abc', username: 'ab', password: 'x' },
        });
        expect(login.statusCode).toBe(503);
        expect(JSON.parse(login.body)).toMatchObject({ error: 'service_unavailable' });
        await app.close();
        await rt.dbHandle.close().catch(() => undefined);
      } else {
        await t.runtime.dbHandle.close();
        const h = await t.app.inject({ url: '/health' });
        expect(h.statusCode).toBe(503);
        expect(JSON.parse(h.body)).toMatchObject({ status: 'unavailable', db: 'down' });
        expect(h.headers['retry-after']).toBeDefined();
      }
    } finally {
      await t.app.close();
      if (onMysql) await t.runtime.dbHandle.close();
    }
  });
});
