import { Migrator, sql, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './types.js';
import * as m0001 from './migrations/0001_initial.js';
import * as m0002 from './migrations/0002_money_bigint.js';
import * as m0003 from './migrations/0003_device_credentials.js';
import * as m0004 from './migrations/0004_option_groups.js';
import * as m0005 from './migrations/0005_calls_settings.js';
import * as m0006 from './migrations/0006_admin_roles.js';
import * as m0007 from './migrations/0007_table_ops.js';
import * as m0008 from './migrations/0008_menu_translations.js';
import * as m0009 from './migrations/0009_kitchen_settings.js';
import * as m0010 from './migrations/0010_sales.js';
import * as m0011 from './migrations/0011_printers.js';

/** Migrations are listed statically so that a bundled build carries them. Never edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_money_bigint': m0002,
  '0003_device_credentials': m0003,
  '0004_option_groups': m0004,
  '0005_calls_settings': m0005,
  '0006_admin_roles': m0006,
  '0007_table_ops': m0007,
  '0008_menu_translations': m0008,
  '0009_kitchen_settings': m0009,
  '0010_sales': m0010,
  '0011_printers': m0011,
};

/** Where Kysely records the migrations run (a backup without it is no Table Order database). */
export const MIGRATION_TABLE = 'kysely_migration';

/** The newest migration this code knows. */
export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) ?? '';

export interface MigrationOutcome {
  applied: string[];
  /** Migrations in the database that this release does not know: the database belongs to a newer release. */
  newerThanCode: string[];
}

/**
 * Applies every pending migration; throws on the first failure. When the database was migrated by a
 * newer release (a rollback), nothing is applied: migrations are forward-compatible, so this release
 * runs on the newer schema as it is.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationOutcome> {
  const newerThanCode = (await executedMigrations(db)).filter((name) => !(name in migrations));
  if (newerThanCode.length > 0) return { applied: [], newerThanCode };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: 'kysely_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    throw result.error instanceof Error
      ? result.error
      : new Error('migration failed', { cause: result.error });
  }
  return {
    applied: (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    newerThanCode: [],
  };
}

async function executedMigrations(db: Kysely<Database>): Promise<string[]> {
  try {
    const r = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db);
    return r.rows.map((row) => row.name);
  } catch {
    return []; // a fresh database has no migration table yet
  }
}
