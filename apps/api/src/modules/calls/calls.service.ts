import { createHash } from 'node:crypto';
import type { Call, CallCreateBody, CallStatus } from '@table-order/contracts';
import { CALLS_OPEN_MAX, CALLS_PER_WINDOW_MAX, CALLS_WINDOW_MS } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import type { Trx } from '../../infra/db.js';
import { Errors } from '../../shared/errors.js';
import { iso, localDate, startOfLocalDate } from '../../shared/time.js';
import { writeWithEvent } from '../events/index.js';
import { findStoreSettings, storeTimeZone } from '../stores/index.js';
import { findTable, listTables } from '../tables/index.js';
import * as repo from './calls.repository.js';

/** Retry-After for a table at its open-call limit: staff usually answer within this. */
const OPEN_LIMIT_RETRY_SEC = 30;

/** The result of a call: `replayed` when an earlier request with the same key made it. */
export interface PlacedCall {
  call: Call;
  replayed: boolean;
}

function requestHash(body: CallCreateBody): string {
  return createHash('sha256')
    .update(JSON.stringify({ reasons: body.reasons, message: body.message ?? '' }))
    .digest('hex');
}

/** Staff calls (직원 호출): a table calls, staff acknowledge, checkout closes what is left open. */
export class CallsService {
  constructor(private readonly ctx: AppContext) {}

  /**
   * A table calls staff. Everything is decided under the store's write lock (writeWithEvent), so two
   * calls at once can neither pass a limit together nor both use one idempotency key.
   */
  async create(
    storeId: number,
    tableId: number,
    body: CallCreateBody,
    idempotencyKey?: string,
  ): Promise<PlacedCall> {
    const hash = requestHash(body);
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      if (idempotencyKey) {
        const earlier = await repo.findByIdempotencyKey(trx, storeId, tableId, idempotencyKey);
        if (earlier) {
          if (earlier.request_hash !== hash)
            throw Errors.idempotencyKeyReused('This Idempotency-Key was already used for a different call.');
          return { result: { call: toCall(earlier), replayed: true } };
        }
      }
      const table = await findTable(trx, storeId, tableId);
      if (!table) throw Errors.tokenRevoked('This table no longer exists.');
      const settings = await findStoreSettings(trx, storeId);
      const unknown = body.reasons.filter((r) => !settings?.callReasons.includes(r));
      if (unknown.length > 0) {
        throw Errors.validationFailed(
          `Not a call reason of this store: ${unknown.join(', ')}`,
          unknown.map((reason) => ({ field: 'reasons', message: 'unknown call reason', reason })),
        );
      }
      await checkLimits(trx, tableId, now);
      const values = {
        store_id: storeId,
        table_id: tableId,
        table_number: table.number,
        reasons: JSON.stringify(body.reasons),
        message: body.message ? body.message : null,
        status: 'open',
        idempotency_key: idempotencyKey ?? null,
        request_hash: idempotencyKey ? hash : null,
        created_at: now,
        acknowledged_at: null,
        closed_at: null,
      };
      const call = toCall({ ...values, id: await repo.insertCall(trx, values) });
      return {
        result: { call, replayed: false },
        event: { type: 'call.created', tableId, payload: call },
      };
    });
    return result;
  }

  /** Staff saw the call; a call no longer open answers as it is (a repeat is a no-op). */
  async acknowledge(storeId: number, id: number): Promise<Call> {
    const { result } = await writeWithEvent(this.ctx, storeId, async ({ trx, now }) => {
      const row = await repo.findCall(trx, storeId, id);
      if (!row) throw Errors.notFound('Call');
      if (!(await repo.acknowledgeCall(trx, id, now))) return { result: toCall(row) };
      const call = toCall({ ...row, status: 'acknowledged', acknowledged_at: now });
      const payload = { callId: id, tableId: row.table_id, acknowledgedAt: iso(now) };
      return { result: call, event: { type: 'call.acknowledged', tableId: row.table_id, payload } };
    });
    return result;
  }

  /** The table's open calls, newest first. */
  async openForTable(storeId: number, tableId: number): Promise<Call[]> {
    return (await repo.listOpenForTable(this.ctx.db, storeId, tableId)).map(toCall);
  }

  /**
   * The store's calls, newest first: `open` the ones still open; `all` today's (store time zone) and
   * any still open from before midnight, which staff must still see. A deleted table's open calls are
   * left out: nobody can answer them.
   */
  async list(storeId: number, status: 'open' | 'all'): Promise<Call[]> {
    const tz = await storeTimeZone(this.ctx.db, storeId);
    const since = startOfLocalDate(localDate(this.ctx.clock.now(), tz), tz);
    const [rows, tables] = await Promise.all([
      repo.listForStore(this.ctx.db, storeId, { openOnly: status === 'open', since }),
      listTables(this.ctx.db, storeId),
    ]);
    const live = new Set(tables.map((t) => t.id));
    return rows.filter((r) => r.status !== 'open' || live.has(r.table_id)).map(toCall);
  }
}

/** 3 open calls per table, 10 calls per table in the last 60 s; refused calls are not recorded. */
async function checkLimits(trx: Trx, tableId: number, now: number): Promise<void> {
  if ((await repo.countOpen(trx, tableId)) >= CALLS_OPEN_MAX) {
    throw Errors.tooManyRequests(
      OPEN_LIMIT_RETRY_SEC,
      `This table already has ${CALLS_OPEN_MAX} open calls. Staff will be with you shortly.`,
    );
  }
  const recent = await repo.recentCallTimes(trx, tableId, now - CALLS_WINDOW_MS, CALLS_PER_WINDOW_MAX);
  const oldest = recent[CALLS_PER_WINDOW_MAX - 1];
  if (oldest !== undefined) {
    // The window frees a place when its oldest call turns 60 s old.
    const wait = Math.max(1, Math.ceil((oldest + CALLS_WINDOW_MS - now) / 1000));
    throw Errors.tooManyRequests(wait, `At most ${CALLS_PER_WINDOW_MAX} calls a minute per table.`);
  }
}

function toCall(r: repo.CallRecord): Call {
  return {
    id: r.id,
    tableId: r.table_id,
    tableNumber: r.table_number,
    reasons: parseReasons(r.reasons),
    message: r.message,
    status: r.status as CallStatus,
    createdAt: iso(Number(r.created_at)),
    acknowledgedAt: r.acknowledged_at === null ? null : iso(Number(r.acknowledged_at)),
  };
}

function parseReasons(json: string): string[] {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
