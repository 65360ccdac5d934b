import type {
  AdminLoginBody,
  AdminLoginResponse,
  TableLoginBody,
  TableLoginResponse,
  TableRefreshBody,
} from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import type { DiningTableRow, StoreRow } from '../../db/types.js';
import type { Queryable } from '../../infra/db.js';
import { verifyPassword } from '../../infra/passwords.js';
import { Errors } from '../../shared/errors.js';
import { findAdmin, findStoreByIdentifier } from '../stores/index.js';
import { issueDeviceCredential, rotateDeviceCredential } from './device-credentials.js';
import { LoginLimiter, adminAccountKey, remainingAttempts, tableAccountKey } from './login-limiter.js';

const storeDto = (s: Pick<StoreRow, 'identifier' | 'name' | 'time_zone'>) => ({
  identifier: s.identifier,
  name: s.name,
  timeZone: s.time_zone,
});

/** How a table login finds its table (the tables module owns `dining_tables`). */
export interface LoginTables {
  findLiveTableByNumber(
    db: Queryable,
    storeId: number,
    number: number,
  ): Promise<Pick<DiningTableRow, 'id' | 'number' | 'password_hash' | 'token_version'> | undefined>;
}

/** Admin and table logins with lockout; every failure looks the same to the client. */
export class AuthService {
  private readonly limiter: LoginLimiter;

  constructor(
    private readonly ctx: AppContext,
    private readonly tables: LoginTables,
  ) {
    this.limiter = new LoginLimiter(ctx);
  }

  async adminLogin(body: AdminLoginBody, address: string): Promise<AdminLoginResponse> {
    const key = adminAccountKey(body.storeIdentifier, body.username);
    await this.limiter.assertAllowed(address, key);
    const store = await findStoreByIdentifier(this.ctx.db, body.storeIdentifier);
    const admin = store ? await findAdmin(this.ctx.db, store.id, body.username) : undefined;
    const ok = await verifyPassword(admin?.password_hash, body.password);
    if (!ok || !store || !admin) {
      const failures = await this.limiter.recordFailure(address, key);
      throw Errors.invalidCredentials(remainingAttempts(failures));
    }
    await this.limiter.recordSuccess(key);
    const token = await this.ctx.tokens.issue({
      kind: 'admin',
      storeId: store.id,
      adminId: admin.id,
      tokenVersion: Number(admin.token_version),
    });
    return {
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresAt: token.expiresAt.toISOString(),
      store: storeDto(store),
      admin: { id: admin.id, username: admin.username, role: admin.role === 'owner' ? 'owner' : 'staff' },
    };
  }

  /** Password login of a table (staff, once per tablet): a token and a device credential. */
  async tableLogin(body: TableLoginBody, address: string): Promise<TableLoginResponse> {
    const key = tableAccountKey(body.storeIdentifier, body.tableNumber);
    await this.limiter.assertAllowed(address, key);
    const store = await findStoreByIdentifier(this.ctx.db, body.storeIdentifier);
    const table = store
      ? await this.tables.findLiveTableByNumber(this.ctx.db, store.id, body.tableNumber)
      : undefined;
    const ok = await verifyPassword(table?.password_hash, body.password);
    if (!ok || !store || !table) {
      const failures = await this.limiter.recordFailure(address, key);
      throw Errors.invalidCredentials(remainingAttempts(failures));
    }
    await this.limiter.recordSuccess(key);
    const credential = await issueDeviceCredential(this.ctx, {
      storeId: store.id,
      tableId: table.id,
      tokenVersion: table.token_version,
    });
    return this.tableSession(store, table, credential);
  }

  /**
   * The tablet's silent re-login with its device credential: a token and a new credential (the one used
   * keeps working for the grace period). Failures count like wrong passwords.
   */
  async tableRefresh(body: TableRefreshBody, address: string): Promise<TableLoginResponse> {
    const key = tableAccountKey(body.storeIdentifier, body.tableNumber);
    await this.limiter.assertAllowed(address, key);
    const store = await findStoreByIdentifier(this.ctx.db, body.storeIdentifier);
    const table = store
      ? await this.tables.findLiveTableByNumber(this.ctx.db, store.id, body.tableNumber)
      : undefined;
    const credential =
      store && table
        ? await rotateDeviceCredential(
            this.ctx,
            { storeId: store.id, tableId: table.id, tokenVersion: table.token_version },
            body.deviceCredential,
          )
        : undefined;
    if (!store || !table || credential === undefined) {
      const failures = await this.limiter.recordFailure(address, key);
      throw Errors.invalidCredentials(remainingAttempts(failures));
    }
    await this.limiter.recordSuccess(key);
    return this.tableSession(store, table, credential);
  }

  private async tableSession(
    store: Pick<StoreRow, 'id' | 'identifier' | 'name' | 'time_zone'>,
    table: Pick<DiningTableRow, 'id' | 'number' | 'token_version'>,
    deviceCredential: string,
  ): Promise<TableLoginResponse> {
    const token = await this.ctx.tokens.issue({
      kind: 'table',
      storeId: store.id,
      tableId: table.id,
      tokenVersion: table.token_version,
    });
    return {
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresAt: token.expiresAt.toISOString(),
      store: storeDto(store),
      table: { id: table.id, number: table.number },
      deviceCredential,
    };
  }
}
