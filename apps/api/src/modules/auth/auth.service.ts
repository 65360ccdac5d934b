import type {
  AdminLoginBody,
  AdminLoginResponse,
  TableLoginBody,
  TableLoginResponse,
} from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { verifyPassword } from '../../infra/passwords.js';
import { Errors } from '../../shared/errors.js';
import * as repo from './auth.repository.js';
import { LoginLimiter, adminAccountKey, tableAccountKey } from './login-limiter.js';

type StoreRow = NonNullable<Awaited<ReturnType<typeof repo.findStoreById>>>;

export const storeDto = (s: StoreRow) => ({ identifier: s.identifier, name: s.name, timeZone: s.time_zone });

/** Admin and table logins with lockout; every failure looks the same to the client. */
export class AuthService {
  private readonly limiter: LoginLimiter;

  constructor(private readonly ctx: AppContext) {
    this.limiter = new LoginLimiter(ctx);
  }

  async adminLogin(body: AdminLoginBody, address: string): Promise<AdminLoginResponse> {
    const key = adminAccountKey(body.storeIdentifier, body.username);
    await this.limiter.assertAllowed(address, key);
    const store = await repo.findStoreByIdentifier(this.ctx.db, body.storeIdentifier);
    const admin = store ? await repo.findAdmin(this.ctx.db, store.id, body.username) : undefined;
    const ok = await verifyPassword(admin?.password_hash, body.password);
    if (!ok || !store || !admin) {
      await this.limiter.recordFailure(address, key);
      throw Errors.invalidCredentials();
    }
    await this.limiter.recordSuccess(key);
    const token = await this.ctx.tokens.issue({ kind: 'admin', storeId: store.id, adminId: admin.id });
    return {
      accessToken: token.accessToken,
      tokenType: 'Bearer',
      expiresAt: token.expiresAt.toISOString(),
      store: storeDto(store),
      admin: { id: admin.id, username: admin.username },
    };
  }

  async tableLogin(body: TableLoginBody, address: string): Promise<TableLoginResponse> {
    const key = tableAccountKey(body.storeIdentifier, body.tableNumber);
    await this.limiter.assertAllowed(address, key);
    const store = await repo.findStoreByIdentifier(this.ctx.db, body.storeIdentifier);
    const table = store
      ? await repo.findLiveTableByNumber(this.ctx.db, store.id, body.tableNumber)
      : undefined;
    const ok = await verifyPassword(table?.password_hash, body.password);
    if (!ok || !store || !table) {
      await this.limiter.recordFailure(address, key);
      throw Errors.invalidCredentials();
    }
    await this.limiter.recordSuccess(key);
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
    };
  }
}
