import { AdminPassword, AdminRole, StoreIdentifier, Username } from '@table-order/contracts';
import { z } from 'zod';
import type { Db } from '../../infra/db.js';
import { hashPassword } from '../../infra/passwords.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { isValidTimeZone } from '../../shared/time.js';
import * as repo from './stores.repository.js';

/** A command-line failure with a message fit for the operator. */
export class StoreSetupError extends Error {}

const StoreInput = z.object({
  identifier: StoreIdentifier,
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().refine(isValidTimeZone, 'unknown time zone'),
  admin: Username,
  password: AdminPassword,
});
const AdminInput = z.object({
  store: StoreIdentifier,
  admin: Username,
  password: AdminPassword,
  role: AdminRole.default('owner'),
});

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (!r.success) {
    throw new StoreSetupError(r.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  return r.data;
}

/** Creates a store with its first admin (an owner), in one transaction. */
export async function createStore(
  db: Db,
  input: { identifier: string; name: string; timeZone?: string; admin: string; password: string },
  now = Date.now(),
): Promise<{ storeId: number; adminId: number }> {
  const v = parse(StoreInput, { timeZone: 'Asia/Seoul', ...input });
  const hash = await hashPassword(v.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const storeId = await repo.insertStore(trx, v, now);
      const adminId = await repo.insertAdmin(
        trx,
        storeId,
        { username: v.admin, passwordHash: hash, role: 'owner' },
        now,
      );
      return { storeId, adminId };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new StoreSetupError(`A store "${v.identifier}" already exists.`);
    throw err;
  }
}

/** Adds an admin account (an owner unless `role` says otherwise) to an existing store. */
export async function createAdmin(
  db: Db,
  input: { store: string; admin: string; password: string; role?: string | undefined },
  now = Date.now(),
): Promise<{ adminId: number }> {
  const v = parse(AdminInput, { ...input, role: input.role ?? 'owner' });
  const store = await repo.findStoreByIdentifier(db, v.store);
  if (!store) throw new StoreSetupError(`No store "${v.store}".`);
  const hash = await hashPassword(v.password);
  try {
    return {
      adminId: await repo.insertAdmin(
        db,
        store.id,
        { username: v.admin, passwordHash: hash, role: v.role },
        now,
      ),
    };
  } catch (err) {
    if (isUniqueViolation(err))
      throw new StoreSetupError(`Store "${v.store}" already has an admin "${v.admin}".`);
    throw err;
  }
}
