// Attack 6: every endpoint of the OpenAPI document × every way of presenting the wrong credentials,
// against the real server process. Each answer must be the right 401/403/404 (or, for a valid principal
// of another store or table, only that principal's own data), never carry another store's or table's
// data, and leave the victim store unchanged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { FormData, fetch } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SseClient } from '../../apps/api/src/modules/events/events.test-helpers.js';
import { ResultsFile } from '../support/figures.js';
import { invalidVariants, type TokenVariant } from '../support/forge.js';
import { adminLogin, errorShapeProblem, http, tableLogin, type HttpResult } from '../support/http.js';
import { Secrets, passLogScan } from '../support/secrets.js';
import { seedDatabase, type SeededStore } from '../support/seed.js';
import { ApiProcess, JWT_SECRET } from '../support/api-server.js';
import { sleep } from '../support/common.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const results = new ResultsFile('security', import.meta.url);

type Who = 'public' | 'admin' | 'table';
interface Endpoint {
  method: string;
  path: string;
  who: Who;
  kind: 'json' | 'sse' | 'multipart';
}

const whoOf = (path: string): Who =>
  path.startsWith('/api/v1/auth/') ? 'public' : path.startsWith('/api/v1/admin/') ? 'admin' : 'table';

/** Identities that are valid but must not reach the victim's data (or, for staff, the owner's routes). */
type Principal =
  | 'wrong role'
  | 'admin of another store'
  | 'another table, same store'
  | 'table of another store'
  | 'staff of the same store';

/**
 * Owner-only routes (SPEC 17): every write to the menu, option groups, tables, images and settings, and
 * accounts and sales read or write. The matrix's menu-item PATCH changes the price too, so it is not the staff's
 * sold-out switch.
 */
const ownerOnly = (method: string, path: string): boolean => {
  const p = path.replace('/api/v1', '');
  if (p.startsWith('/admin/accounts')) return true;
  if (p.startsWith('/admin/reports')) return true; // sales, read too (SPEC 13, 17)
  if (method === 'GET') return false;
  return (
    /^\/admin\/(categories|menu-items|option-groups|images|printers)/.test(p) ||
    p === '/admin/store' ||
    (p.startsWith('/admin/tables') && !/\/(checkout|move|merge)$/.test(p))
  );
};

describe('A6: authorization matrix over every endpoint', () => {
  let dir: string;
  let api: ApiProcess;
  let alpha: SeededStore;
  let bravo: SeededStore;
  const tok = {} as Record<'adminA' | 'adminB' | 'staffA' | 'tableA1' | 'tableA2' | 'tableB1', string>;
  let deviceCredentialA1 = '';
  const ids = {} as Record<
    'orderA1' | 'tableA1' | 'tableA2' | 'categoryA' | 'itemA' | 'callA1' | 'accountA' | 'groupA' | 'printerA',
    number
  >;
  let imageKeyA: string;
  const secrets = new Secrets();
  let endpoints: Endpoint[] = [];

  const png = (r: number, g: number, b: number) =>
    sharp({ create: { width: 16, height: 16, channels: 3, background: { r, g, b } } })
      .png()
      .toBuffer();
  const upload = async (token: string, bytes: Buffer): Promise<HttpResult> => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/png' }), 'photo.png');
    const t0 = performance.now();
    const r = await fetch(`${api.baseUrl}/api/v1/admin/images`, {
      method: 'POST',
      headers: token ? { authorization: token } : {},
      body: form,
    });
    const text = await r.text();
    return {
      status: r.status,
      headers: r.headers,
      text,
      ms: performance.now() - t0,
      json: () => JSON.parse(text),
    };
  };
  const order = async (token: string, note: string) => {
    const r = await http(api.baseUrl, 'POST', '/api/v1/table/orders', {
      token,
      body: {
        items: [{ menuItemId: token === tok.tableB1 ? bravo.items[0]!.id : ids.itemA, quantity: 1 }],
        note,
      },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(r.status, r.text).toBe(201);
    return r.json<{ id: number }>().id;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-matrix-'));
    const url = `sqlite:${join(dir, 'matrix.db')}`;
    [alpha, bravo] = (await seedDatabase(url, [
      {
        identifier: 'alpha',
        tables: 2,
        categoryName: 'ALPHA-SECRET 메인',
        items: [
          ['ALPHA-SECRET 김치찌개', 9000],
          ['ALPHA-SECRET 콜라', 2000],
        ],
      },
      {
        identifier: 'bravo',
        tables: 2,
        categoryName: 'BRAVO-SECRET 메인',
        items: [
          ['BRAVO-SECRET 된장찌개', 8500],
          ['BRAVO-SECRET 사이다', 2000],
        ],
      },
    ])) as [SeededStore, SeededStore];
    api = await ApiProcess.start({ DATABASE_URL: url, LOG_LEVEL: 'trace' });
    secrets.add(alpha.admin.password, bravo.admin.password, alpha.tablePassword, bravo.tablePassword);
    tok.adminA = await adminLogin(api.baseUrl, 'alpha', 'owner', alpha.admin.password);
    tok.adminB = await adminLogin(api.baseUrl, 'bravo', 'owner', bravo.admin.password);
    tok.tableA1 = await tableLogin(api.baseUrl, 'alpha', 1, alpha.tablePassword);
    tok.tableA2 = await tableLogin(api.baseUrl, 'alpha', 2, alpha.tablePassword);
    tok.tableB1 = await tableLogin(api.baseUrl, 'bravo', 1, bravo.tablePassword);
    // A staff account of the victim store: it may run service, never the owner's routes.
    const staffPassword = 'alpha-staff-pass-1';
    const staff = await http(api.baseUrl, 'POST', '/api/v1/admin/accounts', {
      token: tok.adminA,
      body: { username: 'staff', password: staffPassword, role: 'staff' },
    });
    expect(staff.status, staff.text).toBe(201);
    ids.accountA = staff.json<{ id: number }>().id;
    tok.staffA = await adminLogin(api.baseUrl, 'alpha', 'staff', staffPassword);
    secrets.add(staffPassword);
    secrets.add(...Object.values(tok));
    // A device credential of the victim's table 1 for POST /auth/table/refresh (public like the logins).
    // Reused within its 10-minute grace period, it keeps working for every call of the matrix.
    const device = await http(api.baseUrl, 'POST', '/api/v1/auth/table/login', {
      body: { storeIdentifier: 'alpha', tableNumber: 1, password: alpha.tablePassword },
    });
    expect(device.status, device.text).toBe(200);
    deviceCredentialA1 = device.json<{ deviceCredential: string }>().deviceCredential;
    secrets.add(deviceCredentialA1);
    ids.tableA1 = alpha.tables[0]!.id;
    ids.tableA2 = alpha.tables[1]!.id;
    ids.categoryA = alpha.categoryId!;
    ids.itemA = alpha.items[0]!.id;

    // The victim's data: a past session and an open one on table 1, an open one on table 2, a photo.
    await order(tok.tableA1, 'ALPHA-T1-SECRET past order');
    const checkout = await http(api.baseUrl, 'POST', `/api/v1/admin/tables/${ids.tableA1}/checkout`, {
      token: tok.adminA,
    });
    expect(checkout.status).toBe(200);
    ids.orderA1 = await order(tok.tableA1, 'ALPHA-T1-SECRET open order');
    await order(tok.tableA2, 'ALPHA-T2-SECRET open order');
    await order(tok.tableB1, 'BRAVO-T1-SECRET open order');
    const call = await http(api.baseUrl, 'POST', '/api/v1/table/calls', {
      token: tok.tableA1,
      body: { reasons: ['물'], message: 'ALPHA-T1-SECRET call' },
    });
    expect(call.status, call.text).toBe(201);
    ids.callA1 = call.json<{ id: number }>().id;
    const up = await upload(`Bearer ${tok.adminA}`, await png(200, 10, 10));
    expect(up.status, up.text).toBe(201);
    imageKeyA = up.json<{ imageKey: string }>().imageKey;
    const patched = await http(api.baseUrl, 'PATCH', `/api/v1/admin/menu-items/${ids.itemA}`, {
      token: tok.adminA,
      body: { imageKey: imageKeyA },
    });
    expect(patched.status).toBe(200);
    const group = await http(api.baseUrl, 'POST', '/api/v1/admin/option-groups', {
      token: tok.adminA,
      body: {
        name: 'ALPHA group',
        minSelect: 0,
        maxSelect: 1,
        options: [{ name: 'ALPHA option', priceDelta: 0 }],
      },
    });
    expect(group.status, group.text).toBe(201);
    ids.groupA = group.json<{ id: number }>().id;
    // A ticket printer (SPEC 15) on a port nothing listens on: its jobs stay queued.
    const printer = await http(api.baseUrl, 'POST', '/api/v1/admin/printers', {
      token: tok.adminA,
      body: { name: 'ALPHA-SECRET printer', host: '127.0.0.1', port: 9, role: 'kitchen' },
    });
    expect(printer.status, printer.text).toBe(201);
    ids.printerA = printer.json<{ id: number }>().id;

    const doc = (await http(api.baseUrl, 'GET', '/openapi.json')).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>>;
    }>();
    endpoints = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        who: whoOf(path),
        kind: path.endsWith('/events')
          ? ('sse' as const)
          : op.requestBody?.content['multipart/form-data']
            ? ('multipart' as const)
            : ('json' as const),
      })),
    );
  });

  afterAll(async () => {
    await api?.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Markers another principal must never see. */
  const forbiddenFor = (who: 'invalid' | Principal): RegExp => {
    switch (who) {
      case 'invalid':
      case 'wrong role':
        return new RegExp(`SECRET|${imageKeyA}`);
      case 'admin of another store':
      case 'table of another store':
        return new RegExp(`ALPHA-|${imageKeyA}`);
      case 'another table, same store':
        return /ALPHA-T1-/;
      case 'staff of the same store':
        return /BRAVO-|\$argon2/;
    }
  };

  /** The victim store as its own admin sees it (table 2 is excluded: a same-store table may order there). */
  const snapshot = async () => {
    const get = async (path: string, token = tok.adminA) =>
      (await http(api.baseUrl, 'GET', path, { token })).text;
    const board = JSON.parse(await get('/api/v1/admin/dashboard')) as { tables: { id: number }[] };
    const calls = JSON.parse(await get('/api/v1/admin/calls?status=all')) as { calls: { tableId: number }[] };
    return {
      board: board.tables.filter((t) => t.id !== ids.tableA2),
      calls: calls.calls.filter((c) => c.tableId !== ids.tableA2),
      store: await get('/api/v1/admin/store'),
      tables: await get('/api/v1/admin/tables'),
      categories: await get('/api/v1/admin/categories'),
      items: await get('/api/v1/admin/menu-items'),
      accounts: await get('/api/v1/admin/accounts'),
      // Without their state: the worker changes it (failing since, queued) on its own.
      printers: (
        JSON.parse(await get('/api/v1/admin/printers')) as { items: { state: unknown }[] }
      ).items.map(({ state: _state, ...p }) => p),
      table1: await get(`/api/v1/admin/tables/${ids.tableA1}/orders`),
      history1: await get(`/api/v1/admin/tables/${ids.tableA1}/history`),
      order: await get(`/api/v1/admin/orders/${ids.orderA1}`),
      tabletView: await get('/api/v1/table/orders', tok.tableA1),
    };
  };

  /** The victim's resource an `{id}` path names. */
  const pathFor = (e: Endpoint) =>
    e.path.replace('{id}', () => {
      if (e.path.includes('/tables/')) return String(ids.tableA1);
      if (e.path.includes('/orders/')) return String(ids.orderA1);
      if (e.path.includes('/categories/')) return String(ids.categoryA);
      if (e.path.includes('/calls/')) return String(ids.callA1);
      if (e.path.includes('/accounts/')) return String(ids.accountA);
      if (e.path.includes('/option-groups/')) return String(ids.groupA);
      if (e.path.includes('/printers/')) return String(ids.printerA);
      return String(ids.itemA);
    });

  /** A body that names only the victim's resources. */
  const bodyFor = (e: Endpoint): unknown => {
    const key = `${e.method} ${e.path.replace('/api/v1', '')}`;
    const bodies: Record<string, unknown> = {
      'POST /auth/admin/login': {
        storeIdentifier: 'alpha',
        username: 'owner',
        password: alpha.admin.password,
      },
      'POST /auth/table/login': { storeIdentifier: 'alpha', tableNumber: 1, password: alpha.tablePassword },
      'POST /auth/table/refresh': {
        storeIdentifier: 'alpha',
        tableNumber: 1,
        deviceCredential: deviceCredentialA1,
      },
      'POST /table/orders': { items: [{ menuItemId: ids.itemA, quantity: 1 }], note: 'MATRIX' },
      'PATCH /admin/orders/{id}': { status: 'completed' },
      'POST /admin/tables': { number: 77, password: 'pw-77-matrix' },
      'PATCH /admin/tables/{id}': { password: 'hijacked-pw' },
      'POST /admin/categories': { name: 'MATRIX category' },
      'PUT /admin/categories/order': { ids: [ids.categoryA] },
      'PATCH /admin/categories/{id}': { name: 'hijacked' },
      'POST /admin/menu-items': { categoryId: ids.categoryA, name: 'planted', price: 1 },
      'PUT /admin/menu-items/order': { categoryId: ids.categoryA, ids: [ids.itemA] },
      'PATCH /admin/menu-items/{id}': { price: 1, soldOut: true },
      'POST /table/calls': { reasons: ['물'], message: 'MATRIX' },
      'POST /admin/calls/{id}/acknowledge': {},
      'PATCH /admin/store': { name: 'MATRIX store' },
      'POST /admin/option-groups': {
        name: 'MATRIX group',
        minSelect: 0,
        maxSelect: 1,
        options: [{ name: 'planted', priceDelta: 0 }],
      },
      'PATCH /admin/option-groups/{id}': { name: 'hijacked' },
      'POST /admin/accounts': { username: 'matrix', password: 'matrix-pass-1', role: 'owner' },
      'PATCH /admin/accounts/{id}': { role: 'owner', password: 'hijacked-pass' },
      'POST /admin/tables/{id}/move': { toTableId: ids.tableA2 },
      'POST /admin/tables/{id}/merge': { fromTableId: ids.tableA2 },
      'POST /admin/orders/{id}/cancel-lines': { lines: [{ lineId: 1, quantity: 1 }] },
      'POST /admin/printers': { name: 'MATRIX printer', host: '127.0.0.1', role: 'kitchen' },
      'PATCH /admin/printers/{id}': { host: '10.9.9.9' },
      'POST /admin/printers/{id}/test': {},
      'POST /admin/orders/{id}/print': {},
    };
    return bodies[key];
  };

  /** What a valid principal that is not the victim gets on each endpoint. */
  const expectedFor = (e: Endpoint, p: Principal): number[] => {
    if (p === 'wrong role') return [403];
    if (p === 'staff of the same store') {
      if (e.who === 'table' || ownerOnly(e.method, e.path)) return [403];
      return e.method === 'GET' ? [200] : []; // service writes (statuses, checkout…): the API suites' matrix
    }
    if (p === 'admin of another store') {
      if (e.who === 'table') return [403];
      if (e.path.includes('{id}')) return [404];
      if (e.method === 'GET') return [200];
      if (e.path.endsWith('/order')) return [404, 422]; // the victim's ids are not this store's
      if (e.path.endsWith('/menu-items')) return [404, 422]; // the victim's category
      if (e.path.endsWith('/admin/store')) return [200]; // changes its own store
      return [201]; // creates in its own store
    }
    if (e.who === 'admin') return [403];
    if (e.method === 'GET') return [200];
    // A staff call names nothing of the victim's: every table calls for itself.
    if (e.path.endsWith('/table/calls')) return [201];
    // POST /table/orders naming the victim's menu item: fine for a table of the same store, refused otherwise.
    return p === 'another table, same store' ? [201] : [422];
  };

  const send = async (e: Endpoint, header: string | undefined): Promise<HttpResult> => {
    if (e.kind === 'multipart') return upload(header ?? '', await png(10, 10, 200));
    const body = bodyFor(e);
    return http(api.baseUrl, e.method, pathFor(e), {
      headers: {
        ...(header === undefined ? {} : { authorization: header }),
        ...(e.path.endsWith('/table/orders') && e.method === 'POST'
          ? { 'idempotency-key': crypto.randomUUID() }
          : {}),
      },
      ...(body === undefined ? {} : { body }),
      timeoutMs: 10_000,
    });
  };

  it('answers 401/403/404 as it should on every endpoint, with no other store or table data in any body', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A6',
      'Authorization matrix: every endpoint × every wrong credential',
      "The endpoint list is read from GET /openapi.json of the running server process. Two stores (alpha, the victim, and bravo) hold marked data: names, notes and a photo key containing ALPHA-/BRAVO- markers, table 1 of alpha with ALPHA-T1- notes, open and past orders. Every endpoint is called with: no token; four malformed Authorization values; an expired token; a tampered signature; tampered claims (store id of another store); alg none; HS512 and RS256 tokens (the server uses HS256); a valid token of the wrong role (table on admin routes, admin on table routes); the admin of another store; another table of the same store; a table of another store; a staff account of the same store (403 on every owner-only route: menu, tables, images and settings writes, accounts; its reads answer 200). Paths name the victim's resources and bodies reference the victim's ids. Every status, error shape and body is checked for the other store's and other table's markers; the live streams of the valid-but-foreign principals are opened and watched while the victim orders; the victim's data is compared before and after.",
    );
    expect(endpoints.length, 'endpoints in the OpenAPI document').toBeGreaterThanOrEqual(33);
    for (const e of endpoints) {
      if (e.kind === 'json' && !['GET', 'DELETE'].includes(e.method) && !e.path.endsWith('/checkout'))
        expect(bodyFor(e), `a body for ${e.method} ${e.path}`).toBeDefined();
    }

    // Foreign principals on the live streams: open, let the victim order, read.
    const streamsChecked: string[] = [];
    const control = (await SseClient.open(`${api.baseUrl}/api/v1/admin/events`, { token: tok.adminA }))
      .client!;
    const foreign: [string, string, string, RegExp][] = [
      ['admin of another store', '/api/v1/admin/events', tok.adminB, forbiddenFor('admin of another store')],
      [
        'another table, same store',
        '/api/v1/table/events',
        tok.tableA2,
        forbiddenFor('another table, same store'),
      ],
      ['table of another store', '/api/v1/table/events', tok.tableB1, forbiddenFor('table of another store')],
    ];
    const opened = await Promise.all(
      foreign.map(async ([name, path, token]) => {
        const r = await SseClient.open(`${api.baseUrl}${path}`, { token });
        expect(r.status, `${name} on ${path}`).toBe(200);
        return r.client!;
      }),
    );
    await sleep(200);
    const liveOrder = await order(tok.tableA1, 'ALPHA-T1-SECRET live order');
    await control.waitFor(
      () => control.messages.find((m) => m.event === 'order.created' && m.data.includes(`"id":${liveOrder}`)),
      5000,
      'the victim order on its own dashboard',
    );
    await sleep(1500);
    for (const [i, c] of opened.entries()) {
      const [name, path, , forbidden] = foreign[i]!;
      const leaked = c.messages.filter((m) => forbidden.test(m.data));
      expect(leaked, `${name} on ${path}`).toEqual([]);
      expect(
        c.messages.some((m) => m.data.includes(`"tableId":${ids.tableA1}`)),
        `${name}: no table 1 event`,
      ).toBe(false);
      streamsChecked.push(`${name} on ${path}`);
      c.close();
    }
    control.close();

    const before = await snapshot();
    const statusCounts: Record<number, number> = {};
    let requests = 0;
    const problems: string[] = [];
    const check = (label: string, r: HttpResult, expected: number[], forbidden: RegExp, code?: RegExp) => {
      requests++;
      statusCounts[r.status] = (statusCounts[r.status] ?? 0) + 1;
      if (!expected.includes(r.status))
        problems.push(`${label}: ${r.status} (expected ${expected.join('/')}) ${r.text.slice(0, 120)}`);
      if (r.status >= 400) {
        const shape = errorShapeProblem(r.text);
        if (shape) problems.push(`${label}: error shape: ${shape}`);
        else if (code && !code.test(JSON.parse(r.text).error)) problems.push(`${label}: code ${r.text}`);
      }
      if (forbidden.test(r.text)) problems.push(`${label}: LEAK ${r.text.slice(0, 200)}`);
      if (r.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${label}: no nosniff`);
    };

    const variantsFor = new Map<Who, TokenVariant[]>();
    variantsFor.set('admin', await invalidVariants(tok.adminA, JWT_SECRET, bravo.storeId));
    variantsFor.set('table', await invalidVariants(tok.tableA1, JWT_SECRET, bravo.storeId));
    variantsFor.set('public', variantsFor.get('admin')!);
    for (const list of variantsFor.values()) for (const v of list) secrets.add(v.header);
    const variantNames = new Set<string>();

    for (const e of endpoints) {
      // Invalid credentials: 401 everywhere but on the public login routes, which ignore them.
      for (const v of variantsFor.get(e.who)!) {
        variantNames.add(v.name);
        if (e.kind === 'sse' && e.who !== 'public') {
          const r = await http(api.baseUrl, 'GET', e.path, {
            headers: { accept: 'text/event-stream', ...(v.header ? { authorization: v.header } : {}) },
            timeoutMs: 5000,
          });
          check(
            `${e.method} ${e.path} [${v.name}]`,
            r,
            [401],
            forbiddenFor('invalid'),
            /^(unauthorized|invalid_token)$/,
          );
          continue;
        }
        const r = await send(e, v.header);
        if (e.who === 'public') check(`${e.method} ${e.path} [${v.name}]`, r, [200], /BRAVO-/);
        else
          check(
            `${e.method} ${e.path} [${v.name}]`,
            r,
            [401],
            forbiddenFor('invalid'),
            /^(unauthorized|invalid_token)$/,
          );
      }
      if (e.who === 'public') continue;
      // Valid principals that are not the victim.
      const principals: [Principal, string][] =
        e.who === 'admin'
          ? [
              ['wrong role', tok.tableA1],
              ['admin of another store', tok.adminB],
              ['another table, same store', tok.tableA2],
              ['table of another store', tok.tableB1],
              ['staff of the same store', tok.staffA],
            ]
          : [
              ['wrong role', tok.adminA],
              ['admin of another store', tok.adminB],
              ['another table, same store', tok.tableA2],
              ['table of another store', tok.tableB1],
              ['staff of the same store', tok.staffA],
            ];
      for (const [p, token] of principals) {
        variantNames.add(p);
        const expected = expectedFor(e, p);
        if (expected.length === 0) continue;
        if (e.kind === 'sse' && expected.includes(200)) continue; // streams: checked above
        const r =
          e.kind === 'sse'
            ? await http(api.baseUrl, 'GET', e.path, {
                token,
                headers: { accept: 'text/event-stream' },
                timeoutMs: 5000,
              })
            : await send(e, `Bearer ${token}`);
        const code = expected.includes(403)
          ? /^forbidden$/
          : expected.includes(404)
            ? /^(not_found|validation_failed|unknown_[a-z_]+)$/
            : undefined;
        check(`${e.method} ${e.path} [${p}]`, r, expected, forbiddenFor(p), code);
        if ((r.status === 200 || r.status === 201) && !e.path.endsWith('.csv'))
          secrets.add(r.json<{ accessToken?: string }>().accessToken);
      }
    }
    expect(problems).toEqual([]);
    const after = await snapshot();
    expect(after, "the victim store's data after the matrix").toEqual(before);

    scenario
      .volume(
        `${requests} requests (${endpoints.length} endpoints × ${variantNames.size} credentials), 3 foreign live streams`,
      )
      .set('endpoints (from /openapi.json)', endpoints.length)
      .set('credential variants per endpoint', variantNames.size)
      .set('requests in the matrix', requests)
      .set(
        'answers by status',
        Object.entries(statusCounts)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', '),
      )
      .set('live streams of foreign principals watched while the victim ordered', streamsChecked.length)
      .set("bodies with another store's or table's data", 0)
      .set('victim data changed', 'no');
    await scenario.pass(
      "Passed: every invalid credential got 401, every wrong role 403, staff 403 on every owner-only route, another store's resources 404, foreign principals saw only their own data (bodies and live streams), and the victim store was unchanged.",
    );
  });

  it('writes no token, password or Authorization header to its log (trace level)', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A8-logs-matrix',
      'No secrets in the log: authorization matrix server',
      'The server process of the authorization matrix runs with LOG_LEVEL=trace; its whole output is scanned for every password, token (and token signature) and Authorization value the suite used or received, and for anything shaped like a bearer token, a JWT, or an unredacted authorization/password/accessToken field.',
    );
    await sleep(300);
    await passLogScan(scenario, secrets, api.logs(), 500);
  });
});
