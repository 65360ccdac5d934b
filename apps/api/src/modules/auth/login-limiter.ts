import {
  LOGIN_LOCK_MINUTES,
  LOGIN_MAX_FAILURES,
  LOGIN_WARN_AFTER_FAILURES,
} from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import { retryOnDeadlock } from '../../infra/db-errors.js';
import { Errors } from '../../shared/errors.js';
import * as repo from './auth.repository.js';

const ACCOUNT_MAX_FAILURES = LOGIN_MAX_FAILURES;
const ACCOUNT_LOCK_MS = LOGIN_LOCK_MINUTES * 60_000;
const ADDRESS_MAX_FAILURES = 30;
const ADDRESS_WINDOW_MS = 60_000;

/**
 * Login limiting kept in the database, so it holds across instances:
 * 5 failures for one account (store+username or store+table) lock it for 15 minutes (423);
 * more than 30 failures from one address within a minute answer 429.
 */
export class LoginLimiter {
  constructor(private readonly ctx: Pick<AppContext, 'db' | 'dialect' | 'clock' | 'metrics'>) {}

  /** Throws 429/423 before any password work when the address or account is blocked. */
  async assertAllowed(address: string, accountKey: string): Promise<void> {
    const now = this.ctx.clock.now();
    const addr = await repo.getFailures(this.ctx.db, addressKey(address));
    if (
      addr &&
      Number(addr.window_started_at) > now - ADDRESS_WINDOW_MS &&
      Number(addr.fail_count) >= ADDRESS_MAX_FAILURES
    ) {
      const retry = Math.ceil((Number(addr.window_started_at) + ADDRESS_WINDOW_MS - now) / 1000);
      throw Errors.tooManyRequests(
        Math.max(1, retry),
        'Too many failed logins from this address. Try again later.',
      );
    }
    const acct = await repo.getFailures(this.ctx.db, accountKey);
    const lockedUntil = acct?.locked_until == null ? null : Number(acct.locked_until);
    if (lockedUntil !== null && lockedUntil > now) {
      throw Errors.accountLocked(Math.max(1, Math.ceil((lockedUntil - now) / 1000)));
    }
  }

  /**
   * Counts a failure against both the address and the account (one statement each); the account's
   * statement locks it at the limit. Returns the account's failures in its current window.
   */
  async recordFailure(address: string, accountKey: string): Promise<number> {
    const now = this.ctx.clock.now();
    await retryOnDeadlock(() =>
      repo.countFailure(this.ctx.db, this.ctx.dialect, addressKey(address), now, ADDRESS_WINDOW_MS),
    );
    const failures = await retryOnDeadlock(() =>
      repo.countFailure(this.ctx.db, this.ctx.dialect, accountKey, now, ACCOUNT_LOCK_MS, {
        max: ACCOUNT_MAX_FAILURES,
        ms: ACCOUNT_LOCK_MS,
      }),
    );
    // Exactly one failure reaches the limit (the count answers each racing failure its own value).
    this.ctx.metrics.loginFailed(
      accountKey.startsWith(ADMIN_PREFIX) ? 'admin' : 'table',
      failures === ACCOUNT_MAX_FAILURES,
    );
    return failures;
  }

  /** A successful login forgets the account's failures. */
  async recordSuccess(accountKey: string): Promise<void> {
    await retryOnDeadlock(() => repo.clearKey(this.ctx.db, accountKey));
  }
}

/** What a failed login tells the client: the tries left from the third failure on, else nothing. */
export function remainingAttempts(failures: number): number | undefined {
  return failures >= LOGIN_WARN_AFTER_FAILURES ? Math.max(0, ACCOUNT_MAX_FAILURES - failures) : undefined;
}

/** The table logins of a store that are locked now: table number → end of the lock (epoch ms). */
export async function tableLoginLocks(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  storeIdentifier: string,
  numbers: number[],
): Promise<Map<number, number>> {
  const byKey = new Map(numbers.map((n) => [tableAccountKey(storeIdentifier, n), n]));
  const locks = await repo.activeLocks(ctx.db, [...byKey.keys()], ctx.clock.now());
  const out = new Map<number, number>();
  for (const [key, until] of locks) {
    const number = byKey.get(key);
    if (number !== undefined) out.set(number, until);
  }
  return out;
}

/** Lifts a table's login lock and forgets its failures (an admin's "잠금 해제"). */
export async function clearTableLoginLock(
  ctx: Pick<AppContext, 'db'>,
  storeIdentifier: string,
  number: number,
): Promise<void> {
  await retryOnDeadlock(() => repo.clearKey(ctx.db, tableAccountKey(storeIdentifier, number)));
}

/**
 * Deletes counters whose window (and lock) is over; run on the events' purge schedule. Answers how many
 * went.
 */
export function purgeExpiredLoginFailures(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  return repo.purgeExpiredFailures(ctx.db, ctx.clock.now(), {
    addressPrefix: ADDRESS_PREFIX,
    addressMs: ADDRESS_WINDOW_MS,
    accountMs: ACCOUNT_LOCK_MS,
  });
}

const ADDRESS_PREFIX = 'ip:';
const addressKey = (address: string) => `${ADDRESS_PREFIX}${address}`;
const ADMIN_PREFIX = 'admin:';
export const adminAccountKey = (store: string, username: string) => `${ADMIN_PREFIX}${store}:${username}`;
export const tableAccountKey = (store: string, number: number) => `table:${store}:${number}`;
