import type { Queryable, Trx } from '../../infra/db.js';

const storeColumns = ['id', 'identifier', 'name', 'time_zone'] as const;

/** Store by its public identifier. */
export function findStoreByIdentifier(db: Queryable, identifier: string) {
  return db.selectFrom('stores').select(storeColumns).where('identifier', '=', identifier).executeTakeFirst();
}

/** The store's public identifier (login keys are made of it). */
export function storeIdentifier(db: Queryable, storeId: number): Promise<string> {
  return db
    .selectFrom('stores')
    .select('identifier')
    .where('id', '=', storeId)
    .executeTakeFirstOrThrow()
    .then((r) => r.identifier);
}

/** The store's IANA time zone (store-local dates: order numbers, history filters). */
export function storeTimeZone(db: Queryable, storeId: number): Promise<string> {
  return db
    .selectFrom('stores')
    .select('time_zone')
    .where('id', '=', storeId)
    .executeTakeFirstOrThrow()
    .then((r) => r.time_zone);
}

/** The store's menu version (bumped by every menu change), or undefined for no store. */
export function menuVersion(db: Queryable, storeId: number): Promise<number | undefined> {
  return db
    .selectFrom('stores')
    .select('menu_version')
    .where('id', '=', storeId)
    .executeTakeFirst()
    .then((r) => (r ? Number(r.menu_version) : undefined));
}

export async function countStores(db: Queryable): Promise<number> {
  const r = await db
    .selectFrom('stores')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertStore(
  trx: Trx,
  v: { identifier: string; name: string; timeZone: string },
  now: number,
): Promise<number> {
  const r = await trx
    .insertInto('stores')
    .values({ identifier: v.identifier, name: v.name, time_zone: v.timeZone, created_at: now })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

export function findAdmin(db: Queryable, storeId: number, username: string) {
  return db
    .selectFrom('admins')
    .select(['id', 'username', 'password_hash'])
    .where('store_id', '=', storeId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertAdmin(
  db: Queryable,
  storeId: number,
  username: string,
  passwordHash: string,
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('admins')
    .values({ store_id: storeId, username, password_hash: passwordHash, created_at: now })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}
