import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './types.js';
import * as m0001 from './migrations/0001_initial.js';

/** Migrations are listed statically so that a bundled build carries them. Never edit a released one. */
const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};

/** Applies every pending migration; throws on the first failure. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error)
    throw result.error instanceof Error
      ? result.error
      : new Error('migration failed', { cause: result.error });
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
