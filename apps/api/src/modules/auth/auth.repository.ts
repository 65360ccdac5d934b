import { sql } from 'kysely';
import type { Queryable } from '../../infra/db.js';

/**
 * Atomically counts one failure for `key` in a fixed window starting at its first failure;
 * returns the count and any lock. Same semantics on SQLite (ON CONFLICT) and MySQL (ON DUPLICATE KEY).
 */
export async function incrementFailure(
  db: Queryable,
  dialect: 'sqlite' | 'mysql',
  key: string,
  now: number,
  windowMs: number,
): Promise<{ failCount: number; windowStartedAt: number; lockedUntil: number | null }> {
  const expired = now - windowMs;
  if (dialect === 'sqlite') {
    await sql`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
      values (${key}, 1, ${now}, null)
      on conflict (scope_key) do update set
        fail_count = case when login_failures.window_started_at <= ${expired} then 1 else login_failures.fail_count + 1 end,
        window_started_at = case when login_failures.window_started_at <= ${expired} then ${now} else login_failures.window_started_at end`.execute(
      db,
    );
  } else {
    // MySQL evaluates the assignments left to right: fail_count must read the old window first.
    await sql`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
      values (${key}, 1, ${now}, null)
      on duplicate key update
        fail_count = case when window_started_at <= ${expired} then 1 else fail_count + 1 end,
        window_started_at = case when window_started_at <= ${expired} then ${now} else window_started_at end`.execute(
      db,
    );
  }
  const row = await db
    .selectFrom('login_failures')
    .select(['fail_count', 'window_started_at', 'locked_until'])
    .where('scope_key', '=', key)
    .executeTakeFirstOrThrow();
  return {
    failCount: Number(row.fail_count),
    windowStartedAt: Number(row.window_started_at),
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  };
}

export function getFailures(db: Queryable, key: string) {
  return db
    .selectFrom('login_failures')
    .select(['fail_count', 'window_started_at', 'locked_until'])
    .where('scope_key', '=', key)
    .executeTakeFirst();
}

export async function lockKey(db: Queryable, key: string, until: number, now: number): Promise<void> {
  await db
    .updateTable('login_failures')
    .set({ locked_until: until, fail_count: 0, window_started_at: now })
    .where('scope_key', '=', key)
    .execute();
}

export async function clearKey(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('scope_key', '=', key).execute();
}

/** Removes counters whose window and lock are both over. */
export async function purgeFailures(db: Queryable, before: number): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('window_started_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .execute();
}
