// Classifiers of driver errors (mysql2, better-sqlite3, ioredis): services use them to map a database
// failure to the catalogue error it means; the error handler uses them for what nobody caught.

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_SERVER_SHUTDOWN',
  'POOL_CLOSED',
  'POOL_ACQUIRE_TIMEOUT',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);
const UNIQUE_CODES = new Set(['ER_DUP_ENTRY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** True when the error means a dependency (database, Redis) could not be reached. */
export function isUnavailableError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  // mysql2 marks errors that leave the connection unusable as fatal: e.g. the rollback after a lost
  // connection fails with "Can't add new command when connection is in closed state" and no code.
  if ((err as { fatal?: unknown }).fatal === true) return true;
  const message = (err as { message?: unknown }).message;
  return (
    typeof message === 'string' &&
    /Queue limit reached|Pool is closed|connect ETIMEDOUT|timeout/i.test(message)
  );
}

/** True when the error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && UNIQUE_CODES.has(code);
}

/** True when MySQL chose this statement as a deadlock's victim (its transaction was rolled back). */
export function isDeadlock(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return code === 'ER_LOCK_DEADLOCK';
}

/**
 * Runs a single-statement write again when it lost a deadlock (InnoDB can pick an upsert racing a delete
 * of the same key); a statement that is its own transaction can simply be retried.
 */
export async function retryOnDeadlock<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await write();
    } catch (err) {
      if (i >= attempts || !isDeadlock(err)) throw err;
    }
  }
}
