// Two instances on one MariaDB database without Redis: each keeps the store's menu version for at most
// one events poll interval (EVENTS_POLL_MS), so menu reads need no query, and a change made through one
// instance reaches the other's tablets within that interval (as the change's event would).
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
});
