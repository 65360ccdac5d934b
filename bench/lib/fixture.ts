// Stores, menus and tables for the scenarios: stores through the stores module (createStore, as the CLI
// does), everything else through the admin API like a store owner would, tablets logged in through the API;
// the idle-stream scenario's many stores through the shared store seed (tests/support/seed.ts).
import type { TableLoginResponse } from '@table-order/contracts';
import { TokenService } from '../../apps/api/src/infra/tokens.js';
import { createStore } from '../../apps/api/src/modules/stores/index.js';
import { mapLimit } from '../../tests/support/common.js';
import { openDb, seedStores } from '../../tests/support/seed.js';
import { call } from './api.js';

const ADMIN_PASSWORD = 'bench-owner-pass-1';
const TABLE_PASSWORD = 'bench-table-1';

export interface TableFx {
  id: number;
  number: number;
  token: string;
  store: StoreFx;
}

export interface StoreFx {
  id: number;
  identifier: string;
  adminToken: string;
  items: { id: number; price: number }[];
  tables: TableFx[];
}

export interface Fixture {
  databaseUrl: string;
  stores: StoreFx[];
  tables: TableFx[];
}

const CATEGORIES = ['메인', '사이드', '면·밥', '음료', '주류'];
const DISHES = [
  ['김치찌개', '잘 익은 김치와 돼지고기를 푹 끓인 찌개'],
  ['된장찌개', '두부와 애호박을 넣은 구수한 된장찌개'],
  ['제육볶음', '매콤달콤한 돼지고기 볶음, 상추쌈과 함께'],
  ['불고기', '간장 양념에 재운 소불고기를 철판에'],
  ['계란말이', '부드럽게 말아낸 계란말이'],
  ['해물파전', '오징어와 새우가 듬뿍 들어간 바삭한 파전'],
  ['비빔밥', '제철 나물과 고추장, 계란 프라이'],
  ['냉면', '시원한 육수의 물냉면 또는 비빔냉면'],
] as const;

/**
 * `stores` stores, each with `categories` × `itemsPerCategory` menu items and `tables` tables, and one
 * logged-in token per table. The API must already be running on `baseUrl` (it migrates the database).
 */
export async function createFixture(
  baseUrl: string,
  databaseUrl: string,
  opts: { stores: number; tables: number; categories: number; itemsPerCategory: number; prefix: string },
): Promise<Fixture> {
  const identifiers = Array.from(
    { length: opts.stores },
    (_, i) => `${opts.prefix}-${String(i + 1).padStart(3, '0')}`,
  );
  const handle = openDb(databaseUrl);
  let ids: number[];
  try {
    ids = await mapLimit(identifiers, 4, async (identifier) => {
      const r = await createStore(handle.db, {
        identifier,
        name: `벤치 식당 ${identifier}`,
        admin: 'owner',
        password: ADMIN_PASSWORD,
      });
      return r.storeId;
    });
  } finally {
    await handle.close();
  }

  const stores = await mapLimit(identifiers, 4, async (identifier, si): Promise<StoreFx> => {
    const login = await call<{ accessToken: string }>(baseUrl, 'POST', '/api/v1/auth/admin/login', {
      body: { storeIdentifier: identifier, username: 'owner', password: ADMIN_PASSWORD },
    });
    const token = login.accessToken;
    const store: StoreFx = { id: ids[si] ?? 0, identifier, adminToken: token, items: [], tables: [] };
    for (let c = 0; c < opts.categories; c++) {
      const cat = await call<{ id: number }>(baseUrl, 'POST', '/api/v1/admin/categories', {
        token,
        body: { name: CATEGORIES[c % CATEGORIES.length] ?? `분류 ${c + 1}` },
      });
      for (let k = 0; k < opts.itemsPerCategory; k++) {
        const [name, description] = DISHES[k % DISHES.length] ?? ['메뉴', ''];
        const price = 1000 * (3 + ((c * opts.itemsPerCategory + k) % 15));
        const item = await call<{ id: number }>(baseUrl, 'POST', '/api/v1/admin/menu-items', {
          token,
          body: { categoryId: cat.id, name: `${name} ${c + 1}-${k + 1}`, price, description },
        });
        store.items.push({ id: item.id, price });
      }
    }
    for (let n = 1; n <= opts.tables; n++) {
      const t = await call<{ id: number }>(baseUrl, 'POST', '/api/v1/admin/tables', {
        token,
        body: { number: n, password: TABLE_PASSWORD },
      });
      store.tables.push({ id: t.id, number: n, token: '', store });
    }
    return store;
  });

  const tables = stores.flatMap((s) => s.tables);
  await mapLimit(tables, 4, async (t) => {
    const r = await call<TableLoginResponse>(baseUrl, 'POST', '/api/v1/auth/table/login', {
      body: { storeIdentifier: t.store.identifier, tableNumber: t.number, password: TABLE_PASSWORD },
    });
    t.token = r.accessToken;
  });
  return { databaseUrl, stores, tables };
}

/**
 * Many stores with many tables for the idle-stream scenario, fast: seeded by the shared store seed (one
 * password hash for all tables, no menu), tokens issued by the app's TokenService with the server's secret
 * (exactly what a login returns; 10,000 argon2 logins would take minutes).
 */
export async function createBulkFixture(
  databaseUrl: string,
  jwt: { secret: string },
  opts: { stores: number; tables: number; prefix: string },
): Promise<Fixture> {
  const handle = openDb(databaseUrl);
  const tokens = new TokenService({ secret: jwt.secret, algorithm: 'HS256', expireHours: 16 });
  try {
    const specs = Array.from({ length: opts.stores }, (_, i) => {
      const identifier = `${opts.prefix}-${String(i + 1).padStart(3, '0')}`;
      return {
        identifier,
        tables: opts.tables,
        name: `벤치 식당 ${identifier}`,
        adminPassword: ADMIN_PASSWORD,
        tablePassword: TABLE_PASSWORD,
        items: [],
      };
    });
    const seeded = await seedStores(handle.db, specs, { concurrency: 4 });
    const stores: StoreFx[] = [];
    for (const s of seeded) {
      const admin = await tokens.issue({
        kind: 'admin',
        storeId: s.storeId,
        adminId: s.adminId,
        tokenVersion: 0,
      });
      const store: StoreFx = {
        id: s.storeId,
        identifier: s.identifier,
        adminToken: admin.accessToken,
        items: [],
        tables: [],
      };
      store.tables = s.tables.map((t) => ({ id: t.id, number: t.number, token: '', store }));
      stores.push(store);
    }
    const tables = stores.flatMap((s) => s.tables);
    for (const t of tables) {
      t.token = (
        await tokens.issue({ kind: 'table', storeId: t.store.id, tableId: t.id, tokenVersion: 0 })
      ).accessToken;
    }
    return { databaseUrl, stores, tables };
  } finally {
    await handle.close();
  }
}

const OPTION_GROUPS = [
  {
    name: '맵기 선택',
    minSelect: 1,
    maxSelect: 1,
    options: ['순한맛', '보통맛', '매운맛', '아주 매운맛', '불맛'],
  },
  { name: '사이즈', minSelect: 0, maxSelect: 1, options: ['보통', '곱빼기', '소', '중', '대'] },
  {
    name: '토핑 추가',
    minSelect: 0,
    maxSelect: 5,
    options: ['치즈', '라면사리', '떡사리', '당면사리', '계란'],
  },
];

/**
 * Gives every menu item of every store `groups` option groups of `options` options each (store-wide
 * groups, the first one required, as a restaurant sets them up) through the admin API. Returns what
 * takes them off the items again, so later scenarios see the menus as they were (the groups stay,
 * unused, which the table menu does not show).
 */
export async function attachOptionGroups(
  baseUrl: string,
  stores: StoreFx[],
  opts: { groups: number; options: number },
): Promise<() => Promise<void>> {
  await mapLimit(stores, 4, async (store) => {
    const groupIds: number[] = [];
    for (let g = 0; g < opts.groups; g++) {
      const spec = OPTION_GROUPS[g % OPTION_GROUPS.length] ?? OPTION_GROUPS[0];
      if (!spec) throw new Error('no option group spec');
      const group = await call<{ id: number }>(baseUrl, 'POST', '/api/v1/admin/option-groups', {
        token: store.adminToken,
        body: {
          name: `${spec.name} ${g + 1}`,
          minSelect: spec.minSelect,
          maxSelect: Math.min(spec.maxSelect, opts.options),
          options: Array.from({ length: opts.options }, (_, o) => ({
            name: spec.options[o] ?? `옵션 ${o + 1}`,
            priceDelta: o * 500,
          })),
        },
      });
      groupIds.push(group.id);
    }
    for (const item of store.items) {
      await call(baseUrl, 'PATCH', `/api/v1/admin/menu-items/${item.id}`, {
        token: store.adminToken,
        body: { optionGroupIds: groupIds },
      });
    }
  });
  return async () => {
    await mapLimit(stores, 4, async (store) => {
      for (const item of store.items) {
        await call(baseUrl, 'PATCH', `/api/v1/admin/menu-items/${item.id}`, {
          token: store.adminToken,
          body: { optionGroupIds: [] },
        });
      }
    });
  };
}
