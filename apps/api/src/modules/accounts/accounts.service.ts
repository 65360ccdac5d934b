import type { AccountCreateBody, AccountUpdateBody, Admin } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import type { Trx } from '../../infra/db.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { hashPassword } from '../../infra/passwords.js';
import { Errors } from '../../shared/errors.js';
import type { AdminPrincipal } from '../auth/index.js';
import {
  deleteAdmin,
  findAdminById,
  insertAdmin,
  listAdmins,
  lockStoreOwners,
  updateAdmin,
} from '../stores/index.js';

/** The account making a change: it must still be an owner of its store when the change commits. */
type Actor = Pick<AdminPrincipal, 'storeId' | 'adminId'>;

/**
 * The store's admin accounts (SPEC 17), managed by owners. Every change runs under the store's lock
 * with the owners read as they are (`lockStoreOwners`), so the last owner can never be demoted or
 * deleted, even by two owners demoting each other at the same moment. A password or role change bumps
 * the account's token version and a delete removes it: its tokens are refused at once (the `adminAuth`
 * cache is dropped on every instance after commit), its live streams at their next heartbeat.
 */
export class AccountsService {
  constructor(private readonly ctx: AppContext) {}

  list(storeId: number): Promise<Admin[]> {
    return listAdmins(this.ctx.db, storeId);
  }

  async create(actor: Actor, body: AccountCreateBody): Promise<Admin> {
    const passwordHash = await hashPassword(body.password);
    try {
      return await this.ctx.db.transaction().execute(async (trx) => {
        await this.lockAsOwner(trx, actor);
        const id = await insertAdmin(
          trx,
          actor.storeId,
          { username: body.username, passwordHash, role: body.role },
          this.ctx.clock.now(),
        );
        return { id, username: body.username, role: body.role };
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw Errors.usernameTaken(body.username);
      throw err;
    }
  }

  /** A new password and/or role; demoting the last owner is 409 `last_owner`. */
  async update(actor: Actor, id: number, body: AccountUpdateBody): Promise<Admin> {
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    const { account, changed } = await this.ctx.db.transaction().execute(async (trx) => {
      const owners = await this.lockAsOwner(trx, actor);
      const account = await findAdminById(trx, actor.storeId, id);
      if (!account) throw Errors.notFound('Account');
      const role = body.role !== undefined && body.role !== account.role ? body.role : undefined;
      if (role === 'staff' && owners.length <= 1) throw Errors.lastOwner();
      if (role === undefined && passwordHash === undefined) return { account, changed: false };
      await updateAdmin(trx, id, { passwordHash, role });
      return { account: { ...account, role: role ?? account.role }, changed: true };
    });
    if (changed) this.ctx.caches.adminAuth.invalidate(id);
    return account;
  }

  /** Deletes an account (its tokens stop working); deleting the last owner is 409 `last_owner`. */
  async remove(actor: Actor, id: number): Promise<void> {
    await this.ctx.db.transaction().execute(async (trx) => {
      const owners = await this.lockAsOwner(trx, actor);
      const account = await findAdminById(trx, actor.storeId, id);
      if (!account) throw Errors.notFound('Account');
      if (account.role === 'owner' && owners.length <= 1) throw Errors.lastOwner();
      await deleteAdmin(trx, id);
    });
    this.ctx.caches.adminAuth.invalidate(id);
  }

  /**
   * Takes the store's lock and answers its owners' ids; an actor demoted or deleted by a change that
   * committed while its request was on its way is refused here.
   */
  private async lockAsOwner(trx: Trx, actor: Actor): Promise<number[]> {
    const owners = await lockStoreOwners(trx, this.ctx.dialect, actor.storeId);
    if (!owners.includes(actor.adminId)) throw Errors.forbidden('Only an owner account may do this.');
    return owners;
  }
}
