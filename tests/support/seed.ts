// Seeds a database the way an operator would (migrations, `store:create`), then adds tables and a menu
// through the API's repositories with one password hash per password, as the demo seed does, so hundreds
// of tables cost one argon2 hash. Used by the fault and security suites and the bench.
import { migrateToLatest } from '../../apps/api/src/db/migrator.js';
import { loadConfig } from '../../apps/api/src/config/index.js';
import { openDatabase, type Db } from '../../apps/api/src/infra/db.js';
import { hashPassword } from '../../apps/api/src/infra/passwords.js';
import { insertCategory, insertItem } from '../../apps/api/src/modules/menu/index.js';
import { createStore } from '../../apps/api/src/modules/stores/index.js';
import { insertTables, listTables } from '../../apps/api/src/modules/tables/index.js';
import { mapLimit } from './common.js';
import { adminLogin, tableLogin } from './http.js';

export interface StoreSpec {
  identifier: string;
  tables: number;
  /** The store's name (default `Store <identifier>`). */
  name?: string;
  /** The owner's password (default adminPasswordOf(identifier)). */
  adminPassword?: string;
  /** Every table's password (default tablePasswordOf(identifier)). */
  tablePassword?: string;
  /** Menu items as [name, price]; the first category holds them all. An empty list seeds no menu. */
  items?: [string, number][];
  categoryName?: string;
}

export interface SeededStore {
  identifier: string;
  storeId: number;
  adminId: number;
  admin: { username: string; password: string };
  tablePassword: string;
  tables: { id: number; number: number }[];
  /** The menu's category (undefined when the spec asked for no menu). */
  categoryId: number | undefined;
  items: { id: number; name: string; price: number }[];
}

const adminPasswordOf = (identifier: string) => `admin-pass-${identifier}`;
const tablePasswordOf = (identifier: string) => `table-pw-${identifier}`;

const DEFAULT_ITEMS: [string, number][] = [
  ['김치찌개', 9000],
  ['된장찌개', 8500],
  ['콜라', 2000],
];

/** Opens the database behind a DATABASE_URL with the app's own driver settings. */
export function openDb(databaseUrl: string) {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: databaseUrl, JWT_SECRET_KEY: 'x'.repeat(40) });
  return openDatabase(config.database);
}

/** Migrates `db` and seeds the stores, `concurrency` at a time (default one after the other). */
export async function seedStores(
  db: Db,
  specs: StoreSpec[],
  opts: { now?: number; concurrency?: number } = {},
): Promise<SeededStore[]> {
  const now = opts.now ?? Date.now();
  await migrateToLatest(db);
  const hashes = new Map<string, Promise<string>>();
  const hashOnce = (password: string) => {
    const known = hashes.get(password);
    if (known) return known;
    const made = hashPassword(password);
    hashes.set(password, made);
    return made;
  };
  return mapLimit(specs, opts.concurrency ?? 1, async (spec): Promise<SeededStore> => {
    const admin = { username: 'owner', password: spec.adminPassword ?? adminPasswordOf(spec.identifier) };
    const { storeId, adminId } = await createStore(db, {
      identifier: spec.identifier,
      name: spec.name ?? `Store ${spec.identifier}`,
      admin: admin.username,
      password: admin.password,
    });
    const tablePassword = spec.tablePassword ?? tablePasswordOf(spec.identifier);
    const tableHash = await hashOnce(tablePassword);
    const items = spec.items ?? DEFAULT_ITEMS;
    const seeded = await db.transaction().execute(async (trx) => {
      const numbers = Array.from({ length: spec.tables }, (_, i) => i + 1);
      await insertTables(trx, storeId, numbers, tableHash, now);
      let categoryId: number | undefined;
      const created: SeededStore['items'] = [];
      if (items.length > 0) {
        const categoryName = spec.categoryName ?? `메뉴 ${spec.identifier}`;
        categoryId = (await insertCategory(trx, storeId, categoryName, now)).id;
        for (const [name, price] of items) {
          const values = { category_id: categoryId, name, price, description: `${name} 설명` };
          const id = await insertItem(trx, storeId, { ...values, image_key: null, sold_out: 0 }, now);
          created.push({ id, name, price });
        }
      }
      const tables = (await listTables(trx, storeId)).map((t) => ({ id: t.id, number: t.number }));
      return { categoryId, items: created, tables };
    });
    return { identifier: spec.identifier, storeId, adminId, admin, tablePassword, ...seeded };
  });
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
