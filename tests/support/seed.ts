// Seeds a database the way an operator would (migrations, `store:create`), then adds tables and a menu
// through the API's repositories with one password hash, as the demo seed does, so hundreds of tables
// cost one argon2 hash.
import { migrateToLatest } from '../../apps/api/src/db/migrator.js';
import { loadConfig } from '../../apps/api/src/config/index.js';
import { openDatabase, type Db } from '../../apps/api/src/infra/db.js';
import { hashPassword } from '../../apps/api/src/infra/passwords.js';
import { adminLogin, tableLogin } from './http.js';
import { insertCategory, insertItem } from '../../apps/api/src/modules/menu/index.js';
import { createStore } from '../../apps/api/src/modules/stores/index.js';
import { insertTables, listTables } from '../../apps/api/src/modules/tables/index.js';
import { mapLimit } from './common.js';

export interface StoreSpec {
  identifier: string;
  tables: number;
  /** Menu items as [name, price]; the first category holds them all. */
  items?: [string, number][];
  categoryName?: string;
}

export interface SeededStore {
  identifier: string;
  storeId: number;
  admin: { username: string; password: string };
  tablePassword: string;
  tables: { id: number; number: number }[];
  categoryId: number;
  items: { id: number; name: string; price: number }[];
}

export const adminPasswordOf = (identifier: string) => `admin-pass-${identifier}`;
export const tablePasswordOf = (identifier: string) => `table-pw-${identifier}`;

/** Opens the database behind a DATABASE_URL with the app's own driver settings. */
export function openDb(databaseUrl: string) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET_KEY: 'x'.repeat(40) });
  return openDatabase(config.database);
}

export async function seedStores(db: Db, specs: StoreSpec[], now = Date.now()): Promise<SeededStore[]> {
  await migrateToLatest(db);
  const out: SeededStore[] = [];
  for (const spec of specs) {
    const admin = { username: 'owner', password: adminPasswordOf(spec.identifier) };
    const { storeId } = await createStore(db, {
      identifier: spec.identifier,
      name: `Store ${spec.identifier}`,
      admin: admin.username,
      password: admin.password,
    });
    const tablePassword = tablePasswordOf(spec.identifier);
    const tableHash = await hashPassword(tablePassword);
    const items = spec.items ?? [
      ['김치찌개', 9000],
      ['된장찌개', 8500],
      ['콜라', 2000],
    ];
    const seeded = await db.transaction().execute(async (trx) => {
      const numbers = Array.from({ length: spec.tables }, (_, i) => i + 1);
      await insertTables(trx, storeId, numbers, tableHash, now);
      const categoryName = spec.categoryName ?? `메뉴 ${spec.identifier}`;
      const { id: categoryId } = await insertCategory(trx, storeId, categoryName, now);
      const created: SeededStore['items'] = [];
      for (const [name, price] of items) {
        const values = { category_id: categoryId, name, price, description: `${name} 설명` };
        const id = await insertItem(trx, storeId, { ...values, image_key: null, sold_out: 0 }, now);
        created.push({ id, name, price });
      }
      const tables = (await listTables(trx, storeId)).map((t) => ({ id: t.id, number: t.number }));
      return { categoryId, items: created, tables };
    });
    out.push({ identifier: spec.identifier, storeId, admin, tablePassword, ...seeded });
  }
  return out;
}

/** Opens, seeds and closes the database behind a URL. */
export async function seedDatabase(databaseUrl: string, specs: StoreSpec[]): Promise<SeededStore[]> {
  const handle = openDb(databaseUrl);
  try {
    return await seedStores(handle.db, specs);
  } finally {
    await handle.close();
  }
}

/** Logs every table of a seeded store in, `concurrency` at a time (each login hashes a password). */
export function loginTables(
  base: string,
  store: SeededStore,
  concurrency = 4,
): Promise<{ tableId: number; token: string }[]> {
  return mapLimit(store.tables, concurrency, async (t) => ({
    tableId: t.id,
    token: await tableLogin(base, store.identifier, t.number, store.tablePassword),
  }));
}

/** Logs a seeded store's admin in. */
export function loginAdmin(base: string, store: SeededStore): Promise<string> {
  return adminLogin(base, store.identifier, store.admin.username, store.admin.password);
}
