import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { migrateToLatest } from './migrator.js';

describe('migrations', () => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
  });

  it('are idempotent', async () => {
    t = await createTestApp();
    expect(await migrateToLatest(t.runtime.ctx.db)).toEqual({ applied: [], newerThanCode: [] });
  });

  it('leave a database migrated by a newer release alone, so a rolled-back release still starts', async () => {
    t = await createTestApp();
    const db = t.runtime.ctx.db;
    await sql`insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await expect(migrateToLatest(db)).resolves.toEqual({
      applied: [],
      newerThanCode: ['9999_from_the_future'],
    });
    // The app still serves on that schema.
    expect((await t.app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
