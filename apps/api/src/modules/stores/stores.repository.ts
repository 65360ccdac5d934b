import {
  DEFAULT_CALL_REASONS,
  KITCHEN_AMBER_DEFAULT,
  KITCHEN_RED_DEFAULT,
  MENU_LANGUAGES,
} from '@table-order/contracts/constants';
import type { AdminRole, MenuLanguage } from '@table-order/contracts';
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

/** The account that logs in as `username` in the store, with what its token is checked against. */
export function findAdmin(db: Queryable, storeId: number, username: string) {
  return db
    .selectFrom('admins')
    .select(['id', 'username', 'password_hash', 'role', 'token_version'])
    .where('store_id', '=', storeId)
    .where('username', '=', username)
    .executeTakeFirst();
}

export async function insertAdmin(
  db: Queryable,
  storeId: number,
  v: { username: string; passwordHash: string; role: AdminRole },
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('admins')
    .values({
      store_id: storeId,
      username: v.username,
      password_hash: v.passwordHash,
      role: v.role,
      created_at: now,
    })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

/** What an admin token is checked against (its store, role and token version); undefined once deleted. */
export interface AdminAuthState {
  storeId: number;
  username: string;
  role: AdminRole;
  tokenVersion: number;
}

const asRole = (role: string): AdminRole => (role === 'owner' ? 'owner' : 'staff');

export async function findAdminAuthState(
  db: Queryable,
  adminId: number,
): Promise<AdminAuthState | undefined> {
  const r = await db
    .selectFrom('admins')
    .select(['store_id', 'username', 'role', 'token_version'])
    .where('id', '=', adminId)
    .executeTakeFirst();
  return r
    ? {
        storeId: r.store_id,
        username: r.username,
        role: asRole(r.role),
        tokenVersion: Number(r.token_version),
      }
    : undefined;
}

/** An admin account as the accounts API shows it. */
export interface AccountRow {
  id: number;
  username: string;
  role: AdminRole;
}

/** The store's accounts, oldest first. */
export async function listAdmins(db: Queryable, storeId: number): Promise<AccountRow[]> {
  const rows = await db
    .selectFrom('admins')
    .select(['id', 'username', 'role'])
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, username: r.username, role: asRole(r.role) }));
}

export async function findAdminById(
  db: Queryable,
  storeId: number,
  id: number,
): Promise<AccountRow | undefined> {
  const r = await db
    .selectFrom('admins')
    .select(['id', 'username', 'role'])
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  return r && { id: r.id, username: r.username, role: asRole(r.role) };
}

/**
 * Locks the store's accounts for a change that must see them as they are (last-owner protection): the
 * store's row, the lock every event-recording write takes first, then the owner rows, both as locking
 * reads on MySQL (so they see the latest committed state, not the transaction's snapshot). SQLite runs
 * one transaction at a time anyway. Answers the ids of the store's owners.
 */
export async function lockStoreOwners(
  trx: Trx,
  dialect: 'sqlite' | 'mysql',
  storeId: number,
): Promise<number[]> {
  const store = trx.selectFrom('stores').select('id').where('id', '=', storeId);
  const owners = trx
    .selectFrom('admins')
    .select('id')
    .where('store_id', '=', storeId)
    .where('role', '=', 'owner');
  if (dialect === 'mysql') {
    await store.forUpdate().execute();
    return (await owners.forUpdate().execute()).map((r) => r.id);
  }
  return (await owners.execute()).map((r) => r.id);
}

/** Sets a new password hash and/or role and bumps the token version (every earlier token is refused). */
export async function updateAdmin(
  trx: Trx,
  id: number,
  v: { passwordHash?: string; role?: AdminRole },
): Promise<void> {
  await trx
    .updateTable('admins')
    .set((eb) => ({
      ...(v.passwordHash === undefined ? {} : { password_hash: v.passwordHash }),
      ...(v.role === undefined ? {} : { role: v.role }),
      token_version: eb('token_version', '+', 1),
    }))
    .where('id', '=', id)
    .execute();
}

export async function deleteAdmin(trx: Trx, id: number): Promise<void> {
  await trx.deleteFrom('admins').where('id', '=', id).execute();
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
  kitchenAmberMinutes: number;
  kitchenRedMinutes: number;
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
      'kitchen_amber_minutes',
      'kitchen_red_minutes',
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
    kitchenAmberMinutes:
      r.kitchen_amber_minutes === null ? KITCHEN_AMBER_DEFAULT : Number(r.kitchen_amber_minutes),
    kitchenRedMinutes: r.kitchen_red_minutes === null ? KITCHEN_RED_DEFAULT : Number(r.kitchen_red_minutes),
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
    ...(s.kitchenAmberMinutes === undefined ? {} : { kitchen_amber_minutes: s.kitchenAmberMinutes }),
    ...(s.kitchenRedMinutes === undefined ? {} : { kitchen_red_minutes: s.kitchenRedMinutes }),
  };
  if (Object.keys(set).length === 0) return;
  await trx.updateTable('stores').set(set).where('id', '=', storeId).execute();
}
