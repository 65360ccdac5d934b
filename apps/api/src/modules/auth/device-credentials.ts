import { createHash, randomBytes } from 'node:crypto';
import { DEVICE_CREDENTIAL_GRACE_MINUTES } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import type { Queryable } from '../../infra/db.js';
import * as repo from './device-credentials.repository.js';

/** How long a replaced credential keeps working, in ms. */
export const DEVICE_CREDENTIAL_GRACE_MS = DEVICE_CREDENTIAL_GRACE_MINUTES * 60_000;

/** A new secret: 32 random bytes (256 bits), base64url (43 characters). */
const newSecret = () => randomBytes(32).toString('base64url');
/** SHA-256 suffices for a 256-bit random secret (no dictionary to try); it also makes lookups exact. */
const hashOf = (secret: string) => createHash('sha256').update(secret, 'utf8').digest('hex');

export interface CredentialTable {
  storeId: number;
  tableId: number;
  tokenVersion: number;
}

/** Issues a first credential for a table (after a password login); answers the secret. */
export async function issueDeviceCredential(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  table: CredentialTable,
): Promise<string> {
  const secret = newSecret();
  await repo.insertCredential(ctx.db, {
    ...table,
    secretHash: hashOf(secret),
    parentId: null,
    now: ctx.clock.now(),
  });
  return secret;
}

/**
 * Uses a credential: when it belongs to this table and its current token version, and is current or
 * replaced less than the grace period ago, answers a new secret that replaces it; otherwise undefined.
 * Using a replaced one again (its answer was lost) also drops what replaced it, unused.
 */
export function rotateDeviceCredential(
  ctx: Pick<AppContext, 'db' | 'clock'>,
  table: CredentialTable,
  secret: string,
): Promise<string | undefined> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findByHash(trx, hashOf(secret));
    if (
      !row ||
      row.store_id !== table.storeId ||
      row.table_id !== table.tableId ||
      row.token_version !== table.tokenVersion
    )
      return undefined;
    if (row.replaced_at !== null && row.replaced_at + DEVICE_CREDENTIAL_GRACE_MS <= now) return undefined;
    // (A use racing this one may mark it first; then both answer a successor, and both stay valid.)
    if (row.replaced_at === null) await repo.markReplaced(trx, row.id, now);
    else await repo.deleteUnusedSuccessors(trx, row.id);
    const next = newSecret();
    await repo.insertCredential(trx, { ...table, secretHash: hashOf(next), parentId: row.id, now });
    return next;
  });
}

/** Revokes every credential of a table (password change, delete, "reset device"). */
export function revokeDeviceCredentials(db: Queryable, tableId: number): Promise<void> {
  return repo.deleteForTable(db, tableId);
}

/** Deletes credentials past their grace period; answers how many went. */
export function purgeReplacedDeviceCredentials(ctx: Pick<AppContext, 'db' | 'clock'>): Promise<number> {
  return repo.deleteReplacedBefore(ctx.db, ctx.clock.now() - DEVICE_CREDENTIAL_GRACE_MS);
}
