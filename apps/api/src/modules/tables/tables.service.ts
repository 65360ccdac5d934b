import type { Table, TableListItem, TableUpdateBody } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { hashPassword } from '../../infra/passwords.js';
import { isUniqueViolation } from '../../infra/db-errors.js';
import { Errors } from '../../shared/errors.js';
import { iso } from '../../shared/time.js';
import { recordAudit, type Actor } from '../audit/index.js';
import { clearTableLoginLock, revokeDeviceCredentials, tableLoginLocks } from '../auth/index.js';
import { storeIdentifier } from '../stores/index.js';
import * as repo from './tables.repository.js';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findTable>>>;
const toDto = (r: Row): Table => ({ id: r.id, number: r.number, sessionId: r.session_id });

/**
 * Table management for a store's owners; each change records who made it (`audit_log`, subject
 * `table`) in its own transaction.
 */
export class TablesService {
  constructor(private readonly ctx: AppContext) {}

  /** Live tables in number order, each with its login lock. */
  async list(storeId: number): Promise<TableListItem[]> {
    const rows = await repo.listTables(this.ctx.db, storeId);
    const locks = await tableLoginLocks(
      this.ctx,
      await storeIdentifier(this.ctx.db, storeId),
      rows.map((r) => r.number),
    );
    return rows.map((r) => {
      const until = locks.get(r.number);
      return {
        ...toDto(r),
        locked: until !== undefined,
        lockedUntil: until === undefined ? null : iso(until),
      };
    });
  }

  /** Lifts the table's login lock (five wrong passwords), so its tablet can log in again at once. */
  async unlock(storeId: number, id: number): Promise<void> {
    const table = await this.getRow(storeId, id);
    await clearTableLoginLock(this.ctx, await storeIdentifier(this.ctx.db, storeId), table.number);
  }

  async create(storeId: number, body: { number: number; password: string }, actor: Actor): Promise<Table> {
    if (await repo.findByNumber(this.ctx.db, storeId, body.number))
      throw Errors.tableNumberTaken(body.number);
    const hash = await hashPassword(body.password);
    const now = this.ctx.clock.now();
    try {
      const id = await this.ctx.db.transaction().execute(async (trx) => {
        const tableId = await repo.insertTable(trx, storeId, body.number, hash, now);
        await recordAudit(trx, {
          storeId,
          subject: 'table',
          subjectId: tableId,
          action: 'created',
          actor,
          now,
        });
        return tableId;
      });
      return { id, number: body.number, sessionId: null };
    } catch (err) {
      if (isUniqueViolation(err)) throw Errors.tableNumberTaken(body.number);
      throw err;
    }
  }

  async update(storeId: number, id: number, body: TableUpdateBody, actor: Actor): Promise<Table> {
    const table = await this.get(storeId, id);
    if (body.number !== undefined && body.number !== table.number) {
      const other = await repo.findByNumber(this.ctx.db, storeId, body.number);
      if (other) throw Errors.tableNumberTaken(body.number);
    }
    const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
    const now = this.ctx.clock.now();
    try {
      await this.ctx.db.transaction().execute(async (trx) => {
        await repo.updateTable(
          trx,
          id,
          {
            ...(body.number !== undefined ? { number: body.number } : {}),
            ...(passwordHash !== undefined ? { passwordHash } : {}),
          },
          now,
        );
        const action = passwordHash === undefined ? 'renumbered' : 'password_changed';
        await recordAudit(trx, { storeId, subject: 'table', subjectId: id, action, actor, now });
      });
    } catch (err) {
      if (isUniqueViolation(err) && body.number !== undefined) throw Errors.tableNumberTaken(body.number);
      throw err;
    }
    // A new password signs every tablet out: the token version moved (tokens and device credentials are
    // bound to it) and the credentials go.
    if (passwordHash !== undefined) await revokeDeviceCredentials(this.ctx.db, id);
    // Its tokens are checked against a cached number and token version on every instance.
    this.ctx.caches.tableAuth.invalidate(id);
    return toDto(await this.getRow(storeId, id));
  }

  /**
   * Deletes an idle table. The check for an open session is the delete's own condition, so a first order
   * racing it either links its session first (the delete is 409) or finds the table gone (401).
   */
  async remove(storeId: number, id: number, actor: Actor): Promise<void> {
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      if (await repo.softDeleteIdleTable(trx, storeId, id, now)) {
        await recordAudit(trx, { storeId, subject: 'table', subjectId: id, action: 'deleted', actor, now });
        return;
      }
      const table = await repo.findTable(trx, storeId, id);
      if (!table) throw Errors.notFound('Table');
      throw Errors.tableHasOpenSession(table.number);
    });
    await revokeDeviceCredentials(this.ctx.db, id);
    this.ctx.caches.tableAuth.invalidate(id);
  }

  /**
   * "Reset device": signs every tablet of the table out at once (their tokens and device credentials);
   * a tablet then needs the table password again.
   */
  async resetDevices(storeId: number, id: number, actor: Actor): Promise<void> {
    await this.getRow(storeId, id);
    const now = this.ctx.clock.now();
    await this.ctx.db.transaction().execute(async (trx) => {
      await repo.bumpTokenVersion(trx, id, now);
      await recordAudit(trx, {
        storeId,
        subject: 'table',
        subjectId: id,
        action: 'devices_reset',
        actor,
        now,
      });
    });
    await revokeDeviceCredentials(this.ctx.db, id);
    this.ctx.caches.tableAuth.invalidate(id);
  }

  async get(storeId: number, id: number): Promise<Table> {
    return toDto(await this.getRow(storeId, id));
  }

  private async getRow(storeId: number, id: number): Promise<Row> {
    const row = await repo.findTable(this.ctx.db, storeId, id);
    if (!row) throw Errors.notFound('Table');
    return row;
  }
}
