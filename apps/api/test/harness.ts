// Test harness: a fresh database per suite (SQLite in memory, or a throwaway MariaDB schema when
// TEST_DB=mysql), the real app, and helpers that go through the HTTP API like a client would.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { createMysqlDatabase } from '../../../tests/support/mariadb.js';
import { buildApp, createRuntime, type Runtime } from '../src/app.js';
import { loadConfig, type Config } from '../src/config/index.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { createStore } from '../src/modules/stores/index.js';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';
export const onMysql = process.env.TEST_DB === 'mysql';
/** A low argon2id cost for tests (production keeps the default; see config). */
export const TEST_ARGON2_ENV = { ARGON2_MEMORY_KIB: '256', ARGON2_TIME_COST: '1' } as const;

export class TestClock {
  constructor(public ms = Date.parse('2026-03-10T03:00:00Z')) {}
  now = () => this.ms;
  advance(ms: number) {
    this.ms += ms;
  }
}

export interface TestApp {
  app: FastifyInstance;
  runtime: Runtime;
  config: Config;
  clock: TestClock;
  close(): Promise<void>;
}

/** Builds the app on a fresh database with a controllable clock. */
export async function createTestApp(
  env: Record<string, string> = {},
  opts: { clock?: TestClock } = {},
): Promise<TestApp> {
  const clock = opts.clock ?? new TestClock();
  const mysql = onMysql ? await createMysqlDatabase() : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: mysql ? mysql.url : 'sqlite::memory:',
    JWT_SECRET_KEY: TEST_SECRET,
    ...TEST_ARGON2_ENV,
    ...env,
  });
  const runtime = createRuntime(config, { clock });
  await migrateToLatest(runtime.ctx.db);
  const app = await buildApp(runtime);
  await app.ready();
  return {
    app,
    runtime,
    config,
    clock,
    close: async () => {
      await app.close();
      await runtime.ctx.hub.close();
      runtime.ctx.storage.close();
      await runtime.dbHandle.close();
      await mysql?.drop();
    },
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

/** A tiny client over app.inject: JSON in, JSON out, optional bearer token. */
export function client(app: FastifyInstance, token?: string) {
  const call = async <T = any>(
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> => {
    const res = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
    const text = res.body;
    return { status: res.statusCode, body: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
  };
  return {
    get: <T = any>(url: string, headers?: Record<string, string>) => call<T>('GET', url, undefined, headers),
    post: <T = any>(url: string, body?: unknown, headers?: Record<string, string>) =>
      call<T>('POST', url, body ?? {}, headers),
    put: <T = any>(url: string, body?: unknown) => call<T>('PUT', url, body ?? {}),
    patch: <T = any>(url: string, body?: unknown) => call<T>('PATCH', url, body ?? {}),
    delete: <T = any>(url: string) => call<T>('DELETE', url),
    raw: call,
  };
}
export type Client = ReturnType<typeof client>;

/** Asserts the one error shape and a status; returns the body. */
export function expectError(res: ApiResponse, status: number, code?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  const body = res.body as { error: unknown; message: unknown };
  expect(typeof body.error).toBe('string');
  expect(body.error).toMatch(/^[a-z0-9_]+$/);
  expect(typeof body.message).toBe('string');
  if (code) expect(body.error).toBe(code);
  return body;
}

export interface StoreFixture {
  identifier: string;
  admin: Client;
  adminToken: string;
  tables: { id: number; number: number; password: string }[];
  categories: { id: number; name: string }[];
  items: { id: number; name: string; price: number; categoryId: number }[];
  tableClient(number: number): Promise<Client>;
}

/**
 * A store with an admin, `tables` tables (password `pw-<n>`), two categories and four items,
 * all created through the API.
 */
export async function seedStore(
  t: TestApp,
  identifier = 'store-a',
  opts: { tables?: number } = {},
): Promise<StoreFixture> {
  await createStore(t.runtime.ctx.db, {
    identifier,
    name: `Store ${identifier}`,
    admin: 'owner',
    password: 'owner-pass-1',
  });
  const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/admin/login', {
    storeIdentifier: identifier,
    username: 'owner',
    password: 'owner-pass-1',
  });
  expect(login.status).toBe(200);
  const admin = client(t.app, login.body.accessToken);
  const tables = [];
  for (let n = 1; n <= (opts.tables ?? 3); n++) {
    const r = await admin.post<{ id: number; number: number }>('/api/v1/admin/tables', {
      number: n,
      password: `pw-${n}`,
    });
    expect(r.status).toBe(201);
    tables.push({ ...r.body, password: `pw-${n}` });
  }
  const categories = [];
  for (const name of ['메인', '음료']) {
    const r = await admin.post<{ id: number; name: string }>('/api/v1/admin/categories', { name });
    expect(r.status).toBe(201);
    categories.push(r.body);
  }
  const items = [];
  const specs: [string, number, number][] = [
    ['김치찌개', 9000, 0],
    ['된장찌개', 8500, 0],
    ['콜라', 2000, 1],
    ['사이다', 2000, 1],
  ];
  for (const [name, price, ci] of specs) {
    const categoryId = categories[ci]!.id;
    const r = await admin.post<{ id: number }>('/api/v1/admin/menu-items', {
      categoryId,
      name,
      price,
      description: `${name} 설명`,
    });
    expect(r.status).toBe(201);
    items.push({ id: r.body.id, name, price, categoryId });
  }
  return {
    identifier,
    admin,
    adminToken: login.body.accessToken,
    tables,
    categories,
    items,
    async tableClient(number: number) {
      const r = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
        storeIdentifier: identifier,
        tableNumber: number,
        password: `pw-${number}`,
      });
      expect(r.status).toBe(200);
      return client(t.app, r.body.accessToken);
    },
  };
}
