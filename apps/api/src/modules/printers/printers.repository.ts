import { sql } from 'kysely';
import type { PrinterRow, PrintJobRow } from '../../db/types.js';
import type { Queryable } from '../../infra/db.js';

const printerColumns = [
  'id',
  'store_id',
  'name',
  'host',
  'port',
  'role',
  'category_ids',
  'paper_width',
  'enabled',
  'failing_since',
  'last_error',
] as const;
export type PrinterRecord = Pick<PrinterRow, (typeof printerColumns)[number]>;
export type PrinterValues = Pick<
  PrinterRow,
  'name' | 'host' | 'port' | 'role' | 'category_ids' | 'paper_width' | 'enabled'
>;

export function listPrinters(db: Queryable, storeId: number): Promise<PrinterRecord[]> {
  return db
    .selectFrom('printers')
    .select(printerColumns)
    .where('store_id', '=', storeId)
    .orderBy('id')
    .execute();
}

export function findPrinter(db: Queryable, storeId: number, id: number): Promise<PrinterRecord | undefined> {
  return db
    .selectFrom('printers')
    .select(printerColumns)
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function countPrinters(db: Queryable, storeId: number): Promise<number> {
  const row = await db
    .selectFrom('printers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('store_id', '=', storeId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function insertPrinter(
  db: Queryable,
  storeId: number,
  values: PrinterValues,
  now: number,
): Promise<number> {
  const r = await db
    .insertInto('printers')
    .values({ store_id: storeId, ...values, failing_since: null, last_error: null, created_at: now })
    .executeTakeFirstOrThrow();
  return Number(r.insertId);
}

export async function updatePrinter(
  db: Queryable,
  storeId: number,
  id: number,
  values: Partial<PrinterValues>,
): Promise<void> {
  if (Object.keys(values).length === 0) return;
  await db.updateTable('printers').set(values).where('store_id', '=', storeId).where('id', '=', id).execute();
}

/** Deletes the printer and its jobs not yet sent; true when it existed. */
export async function deletePrinter(db: Queryable, storeId: number, id: number): Promise<boolean> {
  const r = await db
    .deleteFrom('printers')
    .where('store_id', '=', storeId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) return false;
  await db.deleteFrom('print_jobs').where('printer_id', '=', id).execute();
  return true;
}

/** Queued jobs per printer of the store (the printers' `state.queued`). */
export async function queuedCounts(db: Queryable, printerIds: number[]): Promise<Map<number, number>> {
  if (printerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('print_jobs')
    .select(['printer_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('state', '=', 'queued')
    .where('printer_id', 'in', printerIds)
    .groupBy('printer_id')
    .execute();
  return new Map(rows.map((r) => [r.printer_id, Number(r.n)]));
}

/** Marks the printer failing unless it already is; true when this call changed it. */
export async function markFailing(db: Queryable, id: number, now: number, error: string): Promise<boolean> {
  const r = await db
    .updateTable('printers')
    .set({ failing_since: now, last_error: error.slice(0, 200) })
    .where('id', '=', id)
    .where('failing_since', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Marks the printer ok unless it already is; true when this call changed it. */
export async function markOk(db: Queryable, id: number): Promise<boolean> {
  const r = await db
    .updateTable('printers')
    .set({ failing_since: null, last_error: null })
    .where('id', '=', id)
    .where('failing_since', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type NewJob = Pick<PrintJobRow, 'store_id' | 'printer_id' | 'order_id' | 'kind' | 'ticket'>;

/** Queues jobs (one statement), to be sent at once. */
export async function insertJobs(db: Queryable, jobs: NewJob[], now: number): Promise<void> {
  if (jobs.length === 0) return;
  await db
    .insertInto('print_jobs')
    .values(
      jobs.map((j) => ({
        ...j,
        state: 'queued',
        attempts: 0,
        next_attempt_at: 0,
        claimed_by: null,
        claimed_at: null,
        maybe_printed: 0,
        created_at: now,
        sent_at: null,
      })),
    )
    .execute();
}

/** A queued job at the head of its printer's queue, with where to send it. */
export type QueueHead = Pick<
  PrintJobRow,
  | 'id'
  | 'store_id'
  | 'printer_id'
  | 'kind'
  | 'ticket'
  | 'attempts'
  | 'next_attempt_at'
  | 'claimed_by'
  | 'claimed_at'
  | 'maybe_printed'
> &
  Pick<PrinterRow, 'host' | 'port' | 'paper_width' | 'name'>;

/**
 * The oldest queued job of every enabled printer (of every store): only a printer's head is ever sent,
 * so one printer's tickets come out in the order they were queued.
 */
export function queueHeads(db: Queryable): Promise<QueueHead[]> {
  return db
    .selectFrom('print_jobs as j')
    .innerJoin('printers as p', 'p.id', 'j.printer_id')
    .select([
      'j.id',
      'j.store_id',
      'j.printer_id',
      'j.kind',
      'j.ticket',
      'j.attempts',
      'j.next_attempt_at',
      'j.claimed_by',
      'j.claimed_at',
      'j.maybe_printed',
      'p.host',
      'p.port',
      'p.paper_width',
      'p.name',
    ])
    .where('p.enabled', '=', 1)
    .where(
      'j.id',
      'in',
      db
        .selectFrom('print_jobs')
        .select((eb) => eb.fn.min('id').as('id'))
        .where('state', '=', 'queued')
        .groupBy('printer_id'),
    )
    .execute();
}

/**
 * Claims a job for `worker`: one conditional update, so of two instances reading the same head only one
 * changes it (`attempts` is the version both read). A claim that went stale (its instance died between
 * claiming and finishing) may have printed: the new claim marks the job `maybe_printed` (재출력).
 */
export async function claimJob(
  db: Queryable,
  job: Pick<QueueHead, 'id' | 'attempts'>,
  worker: string,
  now: number,
  staleBefore: number,
): Promise<boolean> {
  const r = await db
    .updateTable('print_jobs')
    // maybe_printed first: MySQL evaluates a SET list left to right, so it must read the old claimed_by.
    .set({
      maybe_printed: sql<number>`case when claimed_by is null then maybe_printed else 1 end`,
      claimed_by: worker,
      claimed_at: now,
      attempts: job.attempts + 1,
    })
    .where('id', '=', job.id)
    .where('state', '=', 'queued')
    .where('attempts', '=', job.attempts)
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_at', '<', staleBefore)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** The claimed job went out. */
export async function markSent(db: Queryable, id: number, worker: string, now: number): Promise<void> {
  await db
    .updateTable('print_jobs')
    .set({ state: 'sent', sent_at: now, claimed_by: null })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

/** The claimed job failed: released for another try at `nextAt`; `wrote` when bytes may have printed. */
export async function releaseJob(
  db: Queryable,
  id: number,
  worker: string,
  nextAt: number,
  wrote: boolean,
): Promise<void> {
  await db
    .updateTable('print_jobs')
    .set({
      claimed_by: null,
      next_attempt_at: nextAt,
      ...(wrote ? { maybe_printed: 1 } : {}),
    })
    .where('id', '=', id)
    .where('claimed_by', '=', worker)
    .execute();
}

/** Sent jobs older than `before` (kept a while for support questions, then purged). */
export async function purgeSentJobs(db: Queryable, before: number): Promise<void> {
  await db.deleteFrom('print_jobs').where('state', '=', 'sent').where('sent_at', '<', before).execute();
}

/** Jobs of one order (tests and support). */
export function jobsOfOrder(db: Queryable, orderId: number) {
  return db.selectFrom('print_jobs').selectAll().where('order_id', '=', orderId).orderBy('id').execute();
}
