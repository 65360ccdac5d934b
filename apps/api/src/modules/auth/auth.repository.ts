import { sql } from 'kysely';
import type { Queryable } from '../../infra/db.js';

/**
 * Counts one failure for `key` in a fixed window starting at its first failure, in one statement, and
 * returns the new count. With `lock`, the statement also locks the key (`locked_until = now + lock.ms`)
 * when the count reaches `lock.max`; the count then stays until the window (as long as the lock) has
 * passed, and the next failure after it starts a new window. One statement, so a concurrent success
 * (which deletes the row) or another failure can never leave it without its answer.
 * SQLite: ON CONFLICT … RETURNING. MySQL: ON DUPLICATE KEY with the count handed back as the statement's
 * insert id through LAST_INSERT_ID(expr) (0, no id, when the row was inserted: the count is 1).
 */
export async function countFailure(
  db: Queryable,
  dialect: 'sqlite' | 'mysql',
  key: string,
  now: number,
  windowMs: number,
  lock?: { max: number; ms: number },
): Promise<number> {
  const expired = now - windowMs;
  const col = (name: string) => (dialect === 'sqlite' ? sql.raw(`login_failures.${name}`) : sql.raw(name));
  const windowOver = sql`${col('window_started_at')} <= ${expired}`;
  const newCount = sql`case when ${windowOver} then 1 else ${col('fail_count')} + 1 end`;
  // Every assignment reads the old row: MySQL applies them left to right, so the count and the window
  // come after what reads them.
  const lockIt = lock
    ? sql`locked_until = case when ${newCount} >= ${lock.max} then ${now + lock.ms} else ${col('locked_until')} end,`
    : sql``;
  const initialLock = lock && lock.max <= 1 ? now + lock.ms : null;
  const windowStart = sql`window_started_at = case when ${windowOver} then ${now} else ${col('window_started_at')} end`;
  if (dialect === 'sqlite') {
    const r = await sql<{
      fail_count: number;
    }>`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
      values (${key}, 1, ${now}, ${initialLock})
      on conflict (scope_key) do update set ${lockIt} fail_count = ${newCount}, ${windowStart}
      returning fail_count`.execute(db);
    const row = r.rows[0];
    if (!row) throw new Error('login failure upsert returned no row');
    return Number(row.fail_count);
  }
  const r = await sql`insert into login_failures (scope_key, fail_count, window_started_at, locked_until)
    values (${key}, 1, ${now}, ${initialLock})
    on duplicate key update ${lockIt} fail_count = last_insert_id(${newCount}), ${windowStart}`.execute(db);
  return r.insertId === undefined || r.insertId === 0n ? 1 : Number(r.insertId);
}

export function getFailures(db: Queryable, key: string) {
  return db
    .selectFrom('login_failures')
    .select(['fail_count', 'window_started_at', 'locked_until'])
    .where('scope_key', '=', key)
    .executeTakeFirst();
}

/** Of the given keys, those locked at `now`, with the lock's end. */
export async function activeLocks(db: Queryable, keys: string[], now: number): Promise<Map<string, number>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('login_failures')
    .select(['scope_key', 'locked_until'])
    .where('scope_key', 'in', keys)
    .where('locked_until', '>', now)
    .execute();
  return new Map(rows.map((r) => [r.scope_key, Number(r.locked_until)]));
}

export async function clearKey(db: Queryable, key: string): Promise<void> {
  await db.deleteFrom('login_failures').where('scope_key', '=', key).execute();
}

/**
 * Removes counters that no longer count: an address's once its window is over, an account's once its
 * window and any lock are over (its next failure would start afresh anyway).
 */
export async function purgeExpiredFailures(
  db: Queryable,
  now: number,
  windows: { addressPrefix: string; addressMs: number; accountMs: number },
): Promise<number> {
  const r = await db
    .deleteFrom('login_failures')
    .where((eb) =>
      eb.or([
        eb.and([
          eb('scope_key', 'like', `${windows.addressPrefix}%`),
          eb('window_started_at', '<=', now - windows.addressMs),
        ]),
        eb.and([
          eb('window_started_at', '<=', now - windows.accountMs),
          eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]),
        ]),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
