// Every endpoint refuses bad input with a 4xx in the one error shape, never a 5xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type StoreFixture, type TestApp } from './harness.js';

interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  who: 'public' | 'admin' | 'table';
  body?: boolean;
}

describe('bad input on every endpoint', () => {
  let t: TestApp;
  let s: StoreFixture;
  let tableToken: string;
  let endpoints: Endpoint[];

  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 1 });
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/table/login',
      payload: { storeIdentifier: 'store-a', tableNumber: 1, password: 'pw-1' },
    });
    tableToken = (JSON.parse(r.body) as { accessToken: string }).accessToken;
    const tid = s.tables[0]!.id;
    endpoints = [
      { method: 'POST', url: '/api/v1/auth/admin/login', who: 'public', body: true },
      { method: 'POST', url: '/api/v1/auth/table/login', who: 'public', body: true },
      { method: 'POST', url: '/api/v1/table/orders', who: 'table', body: true },
      { method: 'PATCH', url: '/api/v1/admin/orders/1', who: 'admin', body: true },
      { method: 'POST', url: '/api/v1/admin/tables', who: 'admin', body: true },
      { method: 'PATCH', url: `/api/v1/admin/tables/${tid}`, who: 'admin', body: true },
      { method: 'POST', url: '/api/v1/admin/categories', who: 'admin', body: true },
      { method: 'PATCH', url: `/api/v1/admin/categories/${s.categories[0]!.id}`, who: 'admin', body: true },
      { method: 'PUT', url: '/api/v1/admin/categories/order', who: 'admin', body: true },
      { method: 'POST', url: '/api/v1/admin/menu-items', who: 'admin', body: true },
      { method: 'PATCH', url: `/api/v1/admin/menu-items/${s.items[0]!.id}`, who: 'admin', body: true },
      { method: 'PUT', url: '/api/v1/admin/menu-items/order', who: 'admin', body: true },
      { method: 'POST', url: '/api/v1/admin/option-groups', who: 'admin', body: true },
      { method: 'PATCH', url: '/api/v1/admin/option-groups/1', who: 'admin', body: true },
    ];
  });
  afterAll(() => t.close());

  const send = (e: Endpoint, payload: string, contentType = 'application/json') =>
    t.app.inject({
      method: e.method,
      url: e.url,
      headers: {
        'content-type': contentType,
        ...(e.who === 'admin' ? { authorization: `Bearer ${s.adminToken}` } : {}),
        ...(e.who === 'table' ? { authorization: `Bearer ${tableToken}` } : {}),
      },
      payload,
    });

  function expectShape(res: { statusCode: number; body: string }, allowed: number[], label: string) {
    expect(allowed, `${label}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
    const body = JSON.parse(res.body) as { error: string; message: string };
    expect(body.error, label).toMatch(/^[a-z0-9_]+$/);
    expect(typeof body.message, label).toBe('string');
  }

  it('malformed JSON → 400', async () => {
    for (const e of endpoints) {
      for (const payload of ['{', '{"a":', 'not json', '{"items": [1,]}']) {
        expectShape(await send(e, payload), [400], `${e.method} ${e.url} ${payload}`);
      }
    }
  });

  it('wrong types, nulls, arrays and huge strings → 422 (or 404/409 for ids that name nothing)', async () => {
    const payloads: unknown[] = [
      null,
      [],
      'string',
      42,
      {
        items: null,
        name: 123,
        price: 'cheap',
        number: [],
        password: {},
        status: 5,
        ids: 'x',
        categoryId: 'x',
        options: 'x',
        optionGroupIds: 'x',
        minSelect: 'x',
      },
      {
        name: '',
        minSelect: 1e308,
        maxSelect: -1,
        options: [{ id: 'x', name: null, priceDelta: 1e308 }],
        optionGroupIds: [1e30, -1],
        items: [{ menuItemId: 1, quantity: 1, optionIds: [0, 'x', 1e30] }],
      },
      {
        name: 'x'.repeat(100_000),
        password: 'y'.repeat(100_000),
        username: 'z'.repeat(100_000),
        storeIdentifier: 'q'.repeat(100_000),
        note: 'n'.repeat(100_000),
      },
      {
        number: 1e308,
        price: 1e308,
        tableNumber: -1e308,
        quantity: Number.MAX_SAFE_INTEGER,
        categoryId: 1e30,
        ids: [1e30],
      },
      {
        ids: Array.from({ length: 5000 }, (_, i) => i + 1),
        items: Array.from({ length: 5000 }, () => ({ menuItemId: 1, quantity: 1 })),
      },
    ];
    for (const e of endpoints) {
      for (const p of payloads) {
        const res = await send(e, JSON.stringify(p));
        expectShape(res, [400, 404, 409, 422], `${e.method} ${e.url} ${JSON.stringify(p).slice(0, 60)}`);
      }
    }
  });

  it('a non-JSON content type → 415, a body over 1 MB → 413', async () => {
    for (const e of endpoints) {
      expectShape(await send(e, 'a=b', 'application/x-www-form-urlencoded'), [415], `${e.method} ${e.url}`);
      expectShape(
        await send(e, JSON.stringify({ name: 'x'.repeat(1_100_000) })),
        [413],
        `${e.method} ${e.url}`,
      );
    }
  });

  it('only application/json (any charset) is JSON: text/plain and the like → 415 even with a JSON body', async () => {
    const json = JSON.stringify({ number: 1, password: 'pw-12345' });
    for (const e of endpoints) {
      for (const type of ['text/plain', 'text/plain; charset=utf-8', 'text/json', 'application/jsonx']) {
        const res = await send(e, json, type);
        expectShape(res, [415], `${e.method} ${e.url} ${type}`);
        expect((JSON.parse(res.body) as { error: string }).error).toBe('unsupported_media_type');
      }
    }
    for (const type of [
      'application/json; charset=utf-8',
      'application/json;charset=UTF-8',
      'Application/JSON',
    ]) {
      const res = await send(
        endpoints[1]!,
        '{"storeIdentifier":"store-a","tableNumber":1,"password":"pw-1"}',
        type,
      );
      expect(res.statusCode, `${type}: ${res.body}`).toBe(200);
    }
  });

  it('unknown or malformed ids → 404 on every id route', async () => {
    const routes: [Endpoint['method'], string, object?][] = [
      ['GET', '/api/v1/admin/orders/:id'],
      ['PATCH', '/api/v1/admin/orders/:id', { status: 'completed' }],
      ['DELETE', '/api/v1/admin/orders/:id'],
      ['GET', '/api/v1/admin/tables/:id/orders'],
      ['POST', '/api/v1/admin/tables/:id/checkout'],
      ['GET', '/api/v1/admin/tables/:id/history'],
      ['PATCH', '/api/v1/admin/tables/:id', { number: 5 }],
      ['DELETE', '/api/v1/admin/tables/:id'],
      ['PATCH', '/api/v1/admin/categories/:id', { name: 'x' }],
      ['DELETE', '/api/v1/admin/categories/:id'],
      ['PATCH', '/api/v1/admin/menu-items/:id', { price: 5 }],
      ['DELETE', '/api/v1/admin/menu-items/:id'],
      ['PATCH', '/api/v1/admin/option-groups/:id', { name: 'x' }],
      ['DELETE', '/api/v1/admin/option-groups/:id'],
    ];
    for (const [method, url, body] of routes) {
      for (const id of [
        '987654',
        'abc',
        '-5',
        '0',
        '1e3x',
        '%00',
        '9'.repeat(40),
        "1'or'1'='1",
        '1'.repeat(100),
        'x'.repeat(101),
        '7'.repeat(10_000),
        '%E0%A4%A',
        '%',
        '%zz',
      ]) {
        const res = await t.app.inject({
          method,
          url: url.replace(':id', id),
          headers: { authorization: `Bearer ${s.adminToken}` },
          ...(body ? { payload: body } : {}),
        });
        expectShape(res, [404], `${method} ${url} ${id.slice(0, 40)}`);
        expect((JSON.parse(res.body) as { error: string }).error).toBe('not_found');
      }
    }
  });

  it('unknown routes and methods answer 404 in the error shape', async () => {
    expectShape(await t.app.inject({ method: 'GET', url: '/api/v1/nope' }), [404], 'unknown route');
    expectShape(
      await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/admin/dashboard',
        headers: { authorization: `Bearer ${s.adminToken}` },
      }),
      [404],
      'unknown method',
    );
  });

  it('bad query strings → 422', async () => {
    const h = { authorization: `Bearer ${s.adminToken}` };
    for (const q of ['?categoryId=abc', '?categoryId=-1', '?categoryId=1.5']) {
      expectShape(await t.app.inject({ url: `/api/v1/admin/menu-items${q}`, headers: h }), [422], q);
    }
    for (const q of ['?from=yesterday', '?to=2026-1-1', '?limit=abc', `?cursor=${'x'.repeat(500)}`]) {
      expectShape(
        await t.app.inject({ url: `/api/v1/admin/tables/${s.tables[0]!.id}/history${q}`, headers: h }),
        [422],
        q,
      );
    }
  });
});

describe('body-less requests', () => {
  it('accepts an empty body sent as application/json on POST and DELETE', async () => {
    const t = await createTestApp();
    try {
      const s = await seedStore(t, 'store-a', { tables: 1 });
      const tab = await s.tableClient(1);
      await tab.post('/api/v1/table/orders', { items: [{ menuItemId: s.items[0]!.id, quantity: 1 }] });
      const auth = { authorization: `Bearer ${s.adminToken}`, 'content-type': 'application/json' };
      const checkout = await t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/tables/${s.tables[0]!.id}/checkout`,
        headers: auth,
      });
      expect(checkout.statusCode, checkout.body).toBe(200);
      const del = await t.app.inject({
        method: 'DELETE',
        url: `/api/v1/admin/menu-items/${s.items[1]!.id}`,
        headers: auth,
        payload: '',
      });
      expect(del.statusCode, del.body).toBe(204);
      // A body-requiring route still says what is missing.
      const create = await t.app.inject({ method: 'POST', url: '/api/v1/admin/tables', headers: auth });
      expect(create.statusCode).toBe(422);
    } finally {
      await t.close();
    }
  });
});
