// Two instances on one MariaDB database without Redis: each keeps the store's menu version and a table's
// token state for at most one events poll interval (EVENTS_POLL_MS), so a tablet's menu read needs no
// query, and a change made through one instance reaches the other's tablets within that interval (as the
// change's event would). A tablet's writes are always checked against the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, createRuntime } from '../../app.js';
import { client, createTestApp, seedStore, type StoreFixture, type TestApp } from '../../../test/harness.js';
import type { FastifyInstance } from 'fastify';

describe('menu reads on MySQL without Redis, two instances', () => {
  let a: TestApp;
  let s: StoreFixture;
  let other: { app: FastifyInstance; close(): Promise<void> };
  let token: string;
  const POLL_MS = 1000;

  beforeAll(async () => {
    a = await createTestApp({ EVENTS_POLL_MS: String(POLL_MS) });
    s = await seedStore(a, 'menu-cache');
    const runtime = createRuntime(a.config, { clock: a.clock });
    const app = await buildApp(runtime);
    await app.ready();
    other = {
      app,
      close: async () => {
        await app.close();
        await runtime.ctx.hub.close();
        runtime.ctx.storage.close();
        await runtime.dbHandle.close();
      },
    };
    const login = await client(a.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: 'menu-cache',
      tableNumber: 1,
      password: 'pw-1',
    });
    token = login.body.accessToken;
  });
  afterAll(async () => {
    await other.close();
    await a.close();
  });

  const priceOn = async (app: FastifyInstance) => {
    const r = await client(app, token).get<{ categories: { items: { id: number; price: number }[] }[] }>(
      '/api/v1/table/menu',
    );
    expect(r.status).toBe(200);
    return r.body.categories.flatMap((c) => c.items).find((i) => i.id === s.items[0]!.id)?.price;
  };

  it('the other instance answers from memory within the poll interval and sees the change after it', async () => {
    const before = await priceOn(other.app);
    expect(before).toBe(s.items[0]!.price);
    const patched = await s.admin.patch(`/api/v1/admin/menu-items/${s.items[0]!.id}`, { price: 12_345 });
    expect(patched.status).toBe(200);
    // The writing instance dropped its copy at once.
    expect(await priceOn(a.app)).toBe(12_345);
    // The other instance may answer the menu it read up to one poll interval ago…
    a.clock.advance(POLL_MS - 1);
    expect(await priceOn(other.app)).toBe(before);
    // …and no older than that.
    a.clock.advance(1);
    expect(await priceOn(other.app)).toBe(12_345);
  });

  it("a reset table's token still reads on the other instance within the poll interval, but never writes", async () => {
    const other2 = client(other.app, token);
    expect((await other2.get('/api/v1/table/menu')).status).toBe(200);
    const reset = await s.admin.delete(`/api/v1/admin/tables/${s.tables[0]!.id}/devices`);
    expect(reset.status).toBe(204);
    // The instance that reset the table refuses the token at once.
    const here = await client(a.app, token).get<{ error: string }>('/api/v1/table/menu');
    expect([here.status, here.body.error]).toEqual([401, 'token_revoked']);
    // The other one still lets it read what it read before…
    a.clock.advance(POLL_MS - 1);
    expect((await other2.get('/api/v1/table/menu')).status).toBe(200);
    // …but an order through it is checked against the table as it is now…
    const order = await other2.post<{ error: string }>(
      '/api/v1/table/orders',
      { items: [{ menuItemId: s.items[0]!.id, quantity: 1 }] },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect([order.status, order.body.error]).toEqual([401, 'token_revoked']);
    // …and after one poll interval its reads are refused too.
    a.clock.advance(1);
    const after = await other2.get<{ error: string }>('/api/v1/table/menu');
    expect([after.status, after.body.error]).toEqual([401, 'token_revoked']);
  });

  it('the other instance routes tickets by a printer list at most one poll interval old', async () => {
    const login = await client(a.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: 'menu-cache',
      tableNumber: 2,
      password: 'pw-2',
    });
    const tablet = client(other.app, login.body.accessToken);
    const order = async () => {
      const r = await tablet.post<{ id: number }>('/api/v1/table/orders', {
        items: [{ menuItemId: s.items[0]!.id, quantity: 1 }],
      });
      expect(r.status).toBe(201);
      const jobs = await a.runtime.ctx.db
        .selectFrom('print_jobs')
        .select('id')
        .where('order_id', '=', r.body.id)
        .execute();
      return jobs.length;
    };
    expect(await order()).toBe(0); // no printer yet: the other instance keeps that list
    const added = await s.admin.post('/api/v1/admin/printers', {
      name: '주방',
      host: '127.0.0.1',
      port: 9,
      role: 'kitchen',
    });
    expect(added.status).toBe(201);
    a.clock.advance(POLL_MS - 1);
    expect(await order()).toBe(0);
    a.clock.advance(1);
    expect(await order()).toBe(1);
  });
});
