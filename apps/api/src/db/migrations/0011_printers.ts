import type { Kysely } from 'kysely';
import { createTable } from '../schema-helpers.js';

/**
 * Network ticket printers and their print jobs (SPEC 15). Forward-compatible: two new tables the
 * previous release never reads.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const ts = 'bigint';
  await createTable(db, 'printers')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('host', 'varchar(253)', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    // JSON array of category ids; '[]' = every category.
    .addColumn('category_ids', 'text', (c) => c.notNull())
    .addColumn('paper_width', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    // Shared by every instance: set by the first failed try, cleared by the next success.
    .addColumn('failing_since', ts)
    .addColumn('last_error', 'varchar(200)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('printers_store_idx').on('printers').column('store_id').execute();

  await createTable(db, 'print_jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('store_id', 'integer', (c) => c.notNull())
    .addColumn('printer_id', 'integer', (c) => c.notNull())
    .addColumn('order_id', 'integer')
    // 'order' | 'bill' | 'reprint' | 'test'
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    // 'queued' until sent ('sent')
    .addColumn('state', 'varchar(16)', (c) => c.notNull())
    // The ticket's content (JSON), rendered for the printer's paper width when sent.
    .addColumn('ticket', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(40)')
    .addColumn('claimed_at', ts)
    // 1 once a try may have reached the printer (bytes written, or a claim that went stale): 재출력.
    .addColumn('maybe_printed', 'integer', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .execute();
  // The worker's head-of-queue per printer, the printers' queued counts, and the purge of sent jobs.
  await db.schema
    .createIndex('print_jobs_state_printer_idx')
    .on('print_jobs')
    .columns(['state', 'printer_id', 'id'])
    .execute();
  await db.schema.createIndex('print_jobs_order_idx').on('print_jobs').column('order_id').execute();
}
