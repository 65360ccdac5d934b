// Staff accounts and roles (SPEC 17) through the HTTP API, on SQLite (api project) and MariaDB
// (services project): the owner's account management, last-owner protection (also under concurrent
// demotions), token and live-stream revocation, the route × role matrix and the audit trail.
import type { Admin, AuditEntry, MenuItem, Order } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from './harness.js';
import { createAdmin, createStore } from '../src/modules/stores/index.js';
import { SseClient } from '../src/modules/events/events.test-helpers.js';

const HEARTBEAT_MS = 100;

describe('staff accounts and roles', () => {
  let t: TestApp;
  let s: StoreFixture;
  let other: StoreFixture;
  let base: string;

  const login = async (username: string, password: string, store = 'store-a') => {
    const r = await client(t.app).post<{ accessToken: string; admin: Admin }>('/api/v1/auth/admin/login', {
      storeIdentifier: store,
      username,
      password,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { token: r.body.accessToken, admin: r.body.admin, api: client(t.app, r.body.accessToken) };
  };

  /** A new account made by the store's owner through the API, and a logged-in client of it. */
  const account = async (username: string, role: 'owner' | 'staff') => {
    const r = await s.admin.post<Admin>('/api/v1/admin/accounts', {
      username,
      password: `${username}-pass-1`,
      role,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { ...(await login(username, `${username}-pass-1`)), id: r.body.id };
  };

  beforeAll(async () => {
    t = await createTestApp({ EVENTS_HEARTBEAT_MS: String(HEARTBEAT_MS) });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = t.app.server.address();
    if (typeof addr !== 'object' || !addr) throw new Error('not listening');
    base = `http://127.0.0.1:${addr.port}`;
    s = await seedStore(t, 'store-a', { tables: 3 });
    other = await seedStore(t, 'store-b', { tables: 1 });
  });
  afterAll(async () => {
    t.app.server.closeAllConnections();
    await t.close();
  });

  it("the store's first account is an owner; login and GET /admin/me answer the role", async () => {
    const me = await s.admin.get<Admin>('/api/v1/admin/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ username: 'owner', role: 'owner' });
    const kim = await account('kim', 'staff');
    expect(kim.admin).toEqual({ id: kim.id, username: 'kim', role: 'staff' });
    expect((await kim.api.get<Admin>('/api/v1/admin/me')).body).toEqual(kim.admin);
  });

  it('admin:create makes an owner unless told staff, and refuses an unknown role', async () => {
    const db = t.runtime.ctx.db;
    await createAdmin(db, { store: 'store-a', admin: 'cli-owner', password: 'cli-owner-pass' });
    await createAdmin(db, {
      store: 'store-a',
      admin: 'cli-staff',
      password: 'cli-staff-pass',
      role: 'staff',
    });
    await expect(
      createAdmin(db, { store: 'store-a', admin: 'cli-x', password: 'cli-x-pass-1', role: 'boss' }),
    ).rejects.toThrow(/--role/);
    expect((await login('cli-owner', 'cli-owner-pass')).admin.role).toBe('owner');
    expect((await login('cli-staff', 'cli-staff-pass')).admin.role).toBe('staff');
  });

  it('owners list, create, change and delete accounts; bad input and duplicates are refused', async () => {
    const created = await s.admin.post<Admin>('/api/v1/admin/accounts', {
      username: 'lee',
      password: 'lee-pass-12',
      role: 'staff',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), username: 'lee', role: 'staff' });
    expect(Object.keys(created.body).sort()).toEqual(['id', 'role', 'username']);

    const list = await s.admin.get<{ items: Admin[] }>('/api/v1/admin/accounts');
    expect(list.status).toBe(200);
    expect(list.body.items.map((a) => a.username)).toContain('lee');
    expect(list.body.items[0]).toMatchObject({ username: 'owner', role: 'owner' });
    expect(JSON.stringify(list.body)).not.toMatch(/password|hash|argon/i);

    expectError(
      await s.admin.post('/api/v1/admin/accounts', {
        username: 'lee',
        password: 'another-pw-1',
        role: 'staff',
      }),
      409,
      'username_taken',
    );
    for (const bad of [
      { username: 'LEE!', password: 'lee-pass-12', role: 'staff' },
      { username: 'park', password: 'short', role: 'staff' },
      { username: 'park', password: 'park-pass-12', role: 'boss' },
      { username: 'park', password: 'park-pass-12' },
    ]) {
      expectError(await s.admin.post('/api/v1/admin/accounts', bad), 422, 'validation_failed');
    }
    expectError(await s.admin.patch(`/api/v1/admin/accounts/${created.body.id}`, {}), 422);
    expectError(await s.admin.patch(`/api/v1/admin/accounts/${created.body.id}`, { role: 'boss' }), 422);

    const promoted = await s.admin.patch<Admin>(`/api/v1/admin/accounts/${created.body.id}`, {
      role: 'owner',
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toEqual({ ...created.body, role: 'owner' });
    const reset = await s.admin.patch<Admin>(`/api/v1/admin/accounts/${created.body.id}`, {
      password: 'lee-new-pass',
    });
    expect(reset.body.role).toBe('owner');
    await login('lee', 'lee-new-pass');
    expect((await s.admin.delete(`/api/v1/admin/accounts/${created.body.id}`)).status).toBe(204);
    expectError(await s.admin.delete(`/api/v1/admin/accounts/${created.body.id}`), 404, 'not_found');
    expect(
      (
        await client(t.app).post('/api/v1/auth/admin/login', {
          storeIdentifier: 'store-a',
          username: 'lee',
          password: 'lee-new-pass',
        })
      ).status,
    ).toBe(401);

    // Another store's accounts do not exist for this owner, in either direction.
    const theirs = (await other.admin.get<{ items: Admin[] }>('/api/v1/admin/accounts')).body.items;
    expect(theirs.map((a) => a.username)).toEqual(['owner']);
    const theirOwner = theirs[0]!.id;
    expectError(
      await s.admin.patch(`/api/v1/admin/accounts/${theirOwner}`, { role: 'staff' }),
      404,
      'not_found',
    );
    expectError(await s.admin.delete(`/api/v1/admin/accounts/${theirOwner}`), 404, 'not_found');
    expect((await other.admin.get<Admin>('/api/v1/admin/me')).body.role).toBe('owner');
  });

  it('the last owner can be neither demoted nor deleted (409 last_owner)', async () => {
    // Store B has one owner.
    const b = (await other.admin.get<Admin>('/api/v1/admin/me')).body;
    expectError(
      await other.admin.patch(`/api/v1/admin/accounts/${b.id}`, { role: 'staff' }),
      409,
      'last_owner',
    );
    expectError(await other.admin.delete(`/api/v1/admin/accounts/${b.id}`), 409, 'last_owner');
    // Setting the role it already has changes nothing (and signs nobody out).
    expect((await other.admin.patch(`/api/v1/admin/accounts/${b.id}`, { role: 'owner' })).status).toBe(200);
    expect((await other.admin.get('/api/v1/admin/me')).status).toBe(200);
    // With a second owner, the first may step down; then the second is the last.
    const second = await other.admin.post<Admin>('/api/v1/admin/accounts', {
      username: 'second',
      password: 'second-pass-1',
      role: 'owner',
    });
    const secondOwner = await login('second', 'second-pass-1', 'store-b');
    expect((await other.admin.patch(`/api/v1/admin/accounts/${b.id}`, { role: 'staff' })).status).toBe(200);
    expectError(await secondOwner.api.delete(`/api/v1/admin/accounts/${second.body.id}`), 409, 'last_owner');
    // The demoted account's token was revoked with its role change.
    expectError(await other.admin.get('/api/v1/admin/me'), 401, 'token_revoked');
    const roles = (await secondOwner.api.get<{ items: Admin[] }>('/api/v1/admin/accounts')).body.items;
    expect(roles.map((a) => [a.username, a.role])).toEqual([
      ['owner', 'staff'],
      ['second', 'owner'],
    ]);
    // Restore store B's owner for the tests below.
    expect((await secondOwner.api.patch(`/api/v1/admin/accounts/${b.id}`, { role: 'owner' })).status).toBe(
      200,
    );
    other.admin = (await login('owner', 'owner-pass-1', 'store-b')).api;
  });

  it('two owners demoting each other at the same moment leave exactly one owner', async () => {
    for (let round = 0; round < 8; round++) {
      // A fresh store per round whose only owners are ann and bob.
      const store = `race-${round}`;
      const db = t.runtime.ctx.db;
      await createStore(db, { identifier: store, name: store, admin: 'ann', password: 'ann-pass-12' });
      await createAdmin(db, { store, admin: 'bob', password: 'bob-pass-12' });
      const ann = await login('ann', 'ann-pass-12', store);
      const bob = await login('bob', 'bob-pass-12', store);
      const [r1, r2] = await Promise.all([
        ann.api.patch(`/api/v1/admin/accounts/${bob.admin.id}`, { role: 'staff' }),
        bob.api.patch(`/api/v1/admin/accounts/${ann.admin.id}`, { role: 'staff' }),
      ]);
      const statuses = [r1.status, r2.status].sort();
      // One wins; the other finds itself the last owner (409), was demoted already (403), or its token
      // was revoked by the winner's change (401).
      expect(statuses[0], JSON.stringify([r1.body, r2.body])).toBe(200);
      expect([401, 403, 409]).toContain(statuses[1]);
      const owners = await db
        .selectFrom('admins')
        .innerJoin('stores', 'stores.id', 'admins.store_id')
        .select('admins.username')
        .where('stores.identifier', '=', store)
        .where('admins.role', '=', 'owner')
        .execute();
      expect(owners, `round ${round}`).toHaveLength(1);
    }
  });

  it("a password or role change or a delete revokes the account's tokens at once, and only its own", async () => {
    const park = await account('park', 'staff');
    const second = await login('park', 'park-pass-1');
    expect((await park.api.get('/api/v1/admin/dashboard')).status).toBe(200);
    expect(
      (await s.admin.patch(`/api/v1/admin/accounts/${park.id}`, { password: 'park-new-pass' })).status,
    ).toBe(200);
    for (const token of [park, second])
      expectError(await token.api.get('/api/v1/admin/dashboard'), 401, 'token_revoked');
    // The owner who made the change is not affected.
    expect((await s.admin.get('/api/v1/admin/dashboard')).status).toBe(200);

    const again = await login('park', 'park-new-pass');
    expect((await again.api.patch(`/api/v1/admin/orders/999999`, { status: 'completed' })).status).toBe(404);
    expect((await s.admin.patch(`/api/v1/admin/accounts/${park.id}`, { role: 'owner' })).status).toBe(200);
    expectError(await again.api.get('/api/v1/admin/dashboard'), 401, 'token_revoked');
    const asOwner = await login('park', 'park-new-pass');
    expect(asOwner.admin.role).toBe('owner');
    expect((await asOwner.api.get('/api/v1/admin/accounts')).status).toBe(200);

    expect((await s.admin.delete(`/api/v1/admin/accounts/${park.id}`)).status).toBe(204);
    expectError(await asOwner.api.get('/api/v1/admin/dashboard'), 401, 'token_revoked');
  });

  it("ends the account's live streams within a heartbeat of a role change or a delete", async () => {
    const jung = await account('jung', 'staff');
    const open = async (token: string) => {
      const r = await SseClient.open(`${base}/api/v1/admin/events`, { token });
      expect(r.status).toBe(200);
      return r.client!;
    };
    const owners = await open(s.adminToken);
    const mine = await open(jung.token);
    expect((await s.admin.patch(`/api/v1/admin/accounts/${jung.id}`, { role: 'owner' })).status).toBe(200);
    await mine.closedByServer(HEARTBEAT_MS * 20);

    const relogged = await login('jung', 'jung-pass-1');
    const again = await open(relogged.token);
    expect((await s.admin.delete(`/api/v1/admin/accounts/${jung.id}`)).status).toBe(204);
    await again.closedByServer(HEARTBEAT_MS * 20);
    expect((await SseClient.open(`${base}/api/v1/admin/events`, { token: relogged.token })).status).toBe(401);

    // The owner's stream lives on.
    await owners.waitFor(() => (owners.comments >= 2 ? true : undefined), HEARTBEAT_MS * 20, 'heartbeats');
    expect(owners.ended).toBe(false);
    owners.close();
  });

  describe('route × role matrix', () => {
    let staff: Client;
    let owner: Client;
    let orderId: number;
    let tableId: number;
    // What the owner-only routes name: made for the matrix, so the owner's real changes touch nothing else.
    const own = { account: 0, table: 0, category: 0, emptyCategory: 0, item: 0, other: 0 };

    beforeAll(async () => {
      staff = (await account('matrix-staff', 'staff')).api;
      owner = (await account('matrix-owner', 'owner')).api;
      own.account = (await account('matrix-victim', 'staff')).id;
      own.table = (
        await s.admin.post<{ id: number }>('/api/v1/admin/tables', { number: 60, password: 'pw-60' })
      ).body.id;
      own.category = (
        await s.admin.post<{ id: number }>('/api/v1/admin/categories', { name: '매트릭스' })
      ).body.id;
      own.emptyCategory = (
        await s.admin.post<{ id: number }>('/api/v1/admin/categories', { name: '빈 분류' })
      ).body.id;
      const item = (name: string) =>
        s.admin.post<{ id: number }>('/api/v1/admin/menu-items', {
          categoryId: own.category,
          name,
          price: 1000,
        });
      own.item = (await item('매트릭스 A')).body.id;
      own.other = (await item('매트릭스 B')).body.id;
      const tab = await s.tableClient(1);
      const placed = await tab.post<Order>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
      });
      expect(placed.status).toBe(201);
      orderId = placed.body.id;
      tableId = s.tables[0]!.id;
    });

    /** Every owner-only admin route with a valid body: staff 403 `forbidden`, owners pass the guard. */
    const ownerOnly = (): [string, string, unknown?][] => [
      ['GET', '/api/v1/admin/accounts'],
      ['POST', '/api/v1/admin/accounts', { username: 'nobody', password: 'nobody-pass', role: 'staff' }],
      ['PATCH', `/api/v1/admin/accounts/${own.account}`, { role: 'owner' }],
      ['DELETE', `/api/v1/admin/accounts/${own.account}`],
      ['PATCH', `/api/v1/admin/categories/${own.category}`, { name: '매트릭스 2' }],
      [
        'PUT',
        '/api/v1/admin/categories/order',
        { ids: [...s.categories.map((c) => c.id), own.category, own.emptyCategory] },
      ],
      ['POST', '/api/v1/admin/categories', { name: '디저트' }],
      ['DELETE', `/api/v1/admin/categories/${own.emptyCategory}`],
      ['POST', '/api/v1/admin/menu-items', { categoryId: s.categories[0]!.id, name: '라면', price: 4000 }],
      ['PATCH', `/api/v1/admin/menu-items/${own.item}`, { price: 1 }],
      ['PATCH', `/api/v1/admin/menu-items/${own.item}`, { soldOut: true, price: 1 }],
      ['PUT', '/api/v1/admin/menu-items/order', { categoryId: own.category, ids: [own.other, own.item] }],
      ['DELETE', `/api/v1/admin/menu-items/${own.other}`],
      ['POST', '/api/v1/admin/tables', { number: 50, password: 'pw-50' }],
      ['PATCH', `/api/v1/admin/tables/${own.table}`, { password: 'pw-60-new' }],
      ['DELETE', `/api/v1/admin/tables/${own.table}/lock`],
      ['DELETE', `/api/v1/admin/tables/${own.table}/devices`],
      ['DELETE', `/api/v1/admin/tables/${own.table}`],
      ['PATCH', '/api/v1/admin/store', { name: '새 이름' }],
      ['POST', '/api/v1/admin/images'],
    ];

    it('staff get 403 forbidden on every owner-only route and change nothing', async () => {
      const before = {
        items: (await owner.get('/api/v1/admin/menu-items')).body,
        categories: (await owner.get('/api/v1/admin/categories')).body,
        tables: (await owner.get('/api/v1/admin/tables')).body,
        store: (await owner.get('/api/v1/admin/store')).body,
        accounts: (await owner.get('/api/v1/admin/accounts')).body,
      };
      for (const [method, url, body] of ownerOnly()) {
        const r = await staff.raw(method, url, body);
        expectError(r, 403, 'forbidden');
      }
      expect({
        items: (await owner.get('/api/v1/admin/menu-items')).body,
        categories: (await owner.get('/api/v1/admin/categories')).body,
        tables: (await owner.get('/api/v1/admin/tables')).body,
        store: (await owner.get('/api/v1/admin/store')).body,
        accounts: (await owner.get('/api/v1/admin/accounts')).body,
      }).toEqual(before);
    });

    it('staff may switch options sold out, and nothing else about option groups', async () => {
      const made = await owner.post('/api/v1/admin/option-groups', {
        name: '맵기',
        minSelect: 1,
        maxSelect: 1,
        options: [
          { name: '보통', priceDelta: 0 },
          { name: '아주 매운맛', priceDelta: 500 },
        ],
      });
      expect(made.status).toBe(201);
      const group = made.body as { id: number; options: { id: number; name: string; priceDelta: number }[] };
      const url = `/api/v1/admin/option-groups/${group.id}`;
      const list = (soldOut: boolean, delta = 500) => [
        { id: group.options[0]!.id, name: '보통', priceDelta: 0 },
        { id: group.options[1]!.id, name: '아주 매운맛', priceDelta: delta, soldOut },
      ];
      expectError(
        await staff.post('/api/v1/admin/option-groups', {
          name: 'x',
          minSelect: 0,
          maxSelect: 1,
          options: [{ name: 'a', priceDelta: 0 }],
        }),
        403,
        'forbidden',
      );
      expectError(await staff.patch(url, { name: '매운 정도' }), 403, 'forbidden');
      expectError(await staff.patch(url, { options: list(true, 900) }), 403, 'forbidden');
      expectError(await staff.patch(url, { options: list(true).slice(1) }), 403, 'forbidden');
      expectError(await staff.delete(url), 403, 'forbidden');
      const switched = await staff.patch(url, { options: list(true) });
      expect(switched.status).toBe(200);
      expect(switched.body.options.map((o: { soldOut: boolean }) => o.soldOut)).toEqual([false, true]);
      expect(switched.body.name).toBe('맵기');
      expect((await owner.delete(url)).status).toBe(204);
    });

    it('staff run service: read the menu, tables and settings, the board, statuses, calls, sold out, history, delete and checkout', async () => {
      for (const url of [
        '/api/v1/admin/dashboard',
        '/api/v1/admin/menu-items',
        '/api/v1/admin/categories',
        '/api/v1/admin/tables',
        '/api/v1/admin/store',
        '/api/v1/admin/calls',
        '/api/v1/admin/me',
        `/api/v1/admin/orders/${orderId}`,
        `/api/v1/admin/tables/${tableId}/orders`,
        `/api/v1/admin/tables/${tableId}/history`,
      ]) {
        const r = await staff.get(url);
        expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBe(200);
      }
      const soldOut = await staff.patch<MenuItem>(`/api/v1/admin/menu-items/${s.items[2]!.id}`, {
        soldOut: true,
      });
      expect(soldOut.status).toBe(200);
      expect(soldOut.body.soldOut).toBe(true);
      expect(
        (await staff.patch(`/api/v1/admin/menu-items/${s.items[2]!.id}`, { soldOut: false })).status,
      ).toBe(200);

      const tab = await s.tableClient(2);
      const call = await tab.post<{ id: number }>('/api/v1/table/calls', { reasons: ['물'] });
      expect(call.status).toBe(201);
      expect((await staff.post(`/api/v1/admin/calls/${call.body.id}/acknowledge`)).status).toBe(200);

      const placed = await tab.post<Order>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 2 }],
      });
      const extra = await tab.post<Order>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[2]!.id, quantity: 1 }],
      });
      expect(
        (await staff.patch(`/api/v1/admin/orders/${placed.body.id}`, { status: 'preparing' })).status,
      ).toBe(200);
      expect((await staff.delete(`/api/v1/admin/orders/${extra.body.id}`)).status).toBe(200);
      expect((await staff.post(`/api/v1/admin/tables/${s.tables[1]!.id}/checkout`)).status).toBe(200);
    });

    it('owners pass every guard (the answers are the routes’ own)', async () => {
      for (const [method, url, body] of ownerOnly()) {
        const r = await owner.raw(method, url, body);
        // The image upload needs a multipart body: 415 from the route itself, past the guard.
        const expected = url.endsWith('/images')
          ? 415
          : method === 'POST'
            ? 201
            : method === 'DELETE'
              ? 204
              : 200;
        expect(r.status, `${method} ${url}: ${JSON.stringify(r.body)}`).toBe(expected);
      }
    });
  });

  describe('audit trail', () => {
    it('an order shows who placed, moved, and checked it out; history too', async () => {
      const kim = await login('kim', 'kim-pass-1');
      const tab = await s.tableClient(3);
      const placed = await tab.post<Order>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
      });
      expect(placed.status).toBe(201);
      expect(placed.body.audit).toBeUndefined(); // the table's own view carries none
      const id = placed.body.id;
      t.clock.advance(60_000);
      const moved = await kim.api.patch<Order>(`/api/v1/admin/orders/${id}`, { status: 'preparing' });
      expect(moved.body.audit?.map((e) => [e.action, e.username])).toEqual([
        ['created', null],
        ['preparing', 'kim'],
      ]);
      t.clock.advance(60_000);
      await s.admin.patch(`/api/v1/admin/orders/${id}`, { status: 'completed' });
      // A no-op repeat records nothing.
      await s.admin.patch(`/api/v1/admin/orders/${id}`, { status: 'completed' });
      const detail = await kim.api.get<Order>(`/api/v1/admin/orders/${id}`);
      const trail = detail.body.audit!;
      expect(trail.map((e) => [e.action, e.username])).toEqual([
        ['created', null],
        ['preparing', 'kim'],
        ['completed', 'owner'],
      ]);
      expect(trail[0]!.at).toBe(placed.body.createdAt);
      expect(Date.parse(trail[2]!.at) - Date.parse(trail[1]!.at)).toBe(60_000);
      const tableOrders = await kim.api.get<{ orders: Order[] }>(
        `/api/v1/admin/tables/${s.tables[2]!.id}/orders`,
      );
      expect(tableOrders.body.orders.find((o) => o.id === id)?.audit).toEqual(trail);
      // The tablet's list carries no audit.
      expect(
        (await tab.get<{ orders: Order[] }>('/api/v1/table/orders')).body.orders[0]?.audit,
      ).toBeUndefined();

      t.clock.advance(60_000);
      expect((await kim.api.post(`/api/v1/admin/tables/${s.tables[2]!.id}/checkout`)).status).toBe(200);
      const history = await s.admin.get<{ orders: Order[] }>(
        `/api/v1/admin/tables/${s.tables[2]!.id}/history`,
      );
      const past = history.body.orders.find((o) => o.id === id);
      expect(past?.audit?.map((e: AuditEntry) => [e.action, e.username])).toEqual([
        ['created', null],
        ['preparing', 'kim'],
        ['completed', 'owner'],
        ['checked_out', 'kim'],
      ]);

      // A deleted order's delete is recorded in the same transaction.
      const gone = await tab.post<Order>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
      });
      expect((await kim.api.delete(`/api/v1/admin/orders/${gone.body.id}`)).status).toBe(200);
      const rows = await t.runtime.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'username'])
        .where('subject', '=', 'order')
        .where('subject_id', '=', gone.body.id)
        .execute();
      expect(rows).toEqual([{ action: 'deleted', username: 'kim' }]);
    });

    it('a refused change records nothing', async () => {
      const kim = await login('kim', 'kim-pass-1');
      const count = async () =>
        Number(
          (
            await t.runtime.ctx.db
              .selectFrom('audit_log')
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await count();
      // Table 2 is idle since the matrix checked it out.
      expect((await kim.api.post(`/api/v1/admin/tables/${s.tables[1]!.id}/checkout`)).status).toBe(409);
      expect((await kim.api.patch(`/api/v1/admin/menu-items/${s.items[0]!.id}`, { price: 1 })).status).toBe(
        403,
      );
      expect(await count()).toBe(before);
    });

    it('table changes record who made them', async () => {
      const boss = await login('matrix-owner', 'matrix-owner-pass-1');
      const created = await boss.api.post<{ id: number }>('/api/v1/admin/tables', {
        number: 70,
        password: 'pw-70',
      });
      expect(created.status).toBe(201);
      const id = created.body.id;
      await boss.api.patch(`/api/v1/admin/tables/${id}`, { number: 71 });
      await s.admin.patch(`/api/v1/admin/tables/${id}`, { password: 'pw-71-new' });
      await s.admin.delete(`/api/v1/admin/tables/${id}/devices`);
      await s.admin.delete(`/api/v1/admin/tables/${id}`);
      const rows = await t.runtime.ctx.db
        .selectFrom('audit_log')
        .select(['action', 'username'])
        .where('subject', '=', 'table')
        .where('subject_id', '=', id)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.action, r.username])).toEqual([
        ['created', 'matrix-owner'],
        ['renumbered', 'matrix-owner'],
        ['password_changed', 'owner'],
        ['devices_reset', 'owner'],
        ['deleted', 'owner'],
      ]);
    });

    it('each menu item says who last changed it', async () => {
      const kim = await login('kim', 'kim-pass-1');
      const itemId = s.items[3]!.id;
      t.clock.advance(1000);
      await s.admin.patch(`/api/v1/admin/menu-items/${itemId}`, { price: 2500 });
      let item = (await kim.api.get<MenuItem>(`/api/v1/admin/menu-items/${itemId}`)).body;
      expect(item.lastChange).toEqual({ username: 'owner', at: new Date(t.clock.now()).toISOString() });
      t.clock.advance(1000);
      await kim.api.patch(`/api/v1/admin/menu-items/${itemId}`, { soldOut: true });
      item = (await s.admin.get<MenuItem>(`/api/v1/admin/menu-items/${itemId}`)).body;
      expect(item.lastChange).toEqual({ username: 'kim', at: new Date(t.clock.now()).toISOString() });
      const list = (await s.admin.get<{ items: MenuItem[] }>('/api/v1/admin/menu-items')).body.items;
      expect(list.find((i) => i.id === itemId)?.lastChange?.username).toBe('kim');
      const ofCategory = (
        await s.admin.get<{ items: MenuItem[] }>(`/api/v1/admin/menu-items?categoryId=${s.categories[1]!.id}`)
      ).body.items;
      expect(ofCategory.find((i) => i.id === itemId)?.lastChange?.username).toBe('kim');
      // Another store's items are not mixed in.
      const theirs = (await other.admin.get<{ items: MenuItem[] }>('/api/v1/admin/menu-items')).body.items;
      expect(theirs.every((i) => i.lastChange?.username === 'owner')).toBe(true);
    });
  });
});
