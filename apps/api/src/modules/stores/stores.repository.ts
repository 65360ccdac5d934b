import { DEFAULT_CALL_REASONS, MENU_LANGUAGES } from '@table-order/contracts/constants';
import type { MenuLanguage } from '@table-order/contracts';
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

/** A store's settings as stored: the JSON and list columns decoded, NULL read as the default. */
export interface StoreSettingsRow {
  identifier: string;
  name: string;
  timeZone: string;
  callReasons: string[];
  requestChips: string[];
  menuLanguages: MenuLanguage[];
  idleTimeoutSeconds: number;
}

const isLanguage = (code: string): code is MenuLanguage =>
  (MENU_LANGUAGES as readonly string[]).includes(code);

function stringList(json: string | null): string[] | undefined {
  if (json === null) return undefined;
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined;
}

/** The store's settings, or undefined for no store. */
export async function findStoreSettings(
  db: Queryable,
  storeId: number,
): Promise<StoreSettingsRow | undefined> {
  const r = await db
    .selectFrom('stores')
    .select([
      'identifier',
      'name',
      'time_zone',
      'call_reasons',
      'request_chips',
      'menu_languages',
      'idle_timeout_seconds',
    ])
    .where('id', '=', storeId)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    identifier: r.identifier,
    name: r.name,
    timeZone: r.time_zone,
    callReasons: stringList(r.call_reasons) ?? [...DEFAULT_CALL_REASONS],
    requestChips: stringList(r.request_chips) ?? [],
    menuLanguages: r.menu_languages === null ? ['ko'] : r.menu_languages.split(',').filter(isLanguage),
    idleTimeoutSeconds: r.idle_timeout_seconds === null ? 0 : Number(r.idle_timeout_seconds),
  };
}

/** Writes the given settings (the others stay as they are). */
export async function updateStoreSettings(
  trx: Trx,
  storeId: number,
  s: Partial<Omit<StoreSettingsRow, 'identifier'>>,
): Promise<void> {
  const set = {
    ...(s.name === undefined ? {} : { name: s.name }),
    ...(s.timeZone === undefined ? {} : { time_zone: s.timeZone }),
    ...(s.callReasons === undefined ? {} : { call_reasons: JSON.stringify(s.callReasons) }),
    ...(s.requestChips === undefined ? {} : { request_chips: JSON.stringify(s.requestChips) }),
    ...(s.menuLanguages === undefined ? {} : { menu_languages: s.menuLanguages.join(',') }),
    ...(s.idleTimeoutSeconds === undefined ? {} : { idle_timeout_seconds: s.idleTimeoutSeconds }),
  };
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('stores').set(set).where('id', '=', storeId).execute();
}
