// The print worker: every instance runs one. Jobs are claimed in the database (one conditional update),
// so of several instances exactly one sends each try; only the head of a printer's queue is ever sent,
// so one printer's tickets come out in order; a failing printer is retried with exponential backoff.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { AppContext } from '../../app-context.js';
import { sendToPrinter, PrintError } from './printer-socket.js';
import * as repo from './printers.repository.js';
import { announceState } from './printer-state.js';
import { renderTicket, type Ticket } from './ticket.js';

/** First retry delay; doubled per try up to PRINT_BACKOFF_MAX_MS (30 s). */
const BACKOFF_BASE_MS = 500;
/** Sent jobs are kept this long, then purged. */
const SENT_RETENTION_MS = 7 * 24 * 3_600_000;
const PURGE_EVERY_MS = 3_600_000;

/** The delay before try `attempts + 1` of a job whose try `attempts` failed. */
export function backoffMs(attempts: number, maxMs: number): number {
  return Math.min(maxMs, BACKOFF_BASE_MS * 2 ** Math.min(16, Math.max(0, attempts - 1)));
}

export interface PrintWorker {
  /** Looks for jobs now (instead of at the next poll). */
  wake(): void;
  /** Stops polling and waits for the sends under way. */
  stop(): Promise<void>;
}

/** Starts this instance's print worker (the server does; tests start their own). */
export function startPrintWorker(ctx: AppContext, opts: { log?: (msg: string) => void } = {}): PrintWorker {
  const cfg = ctx.config.printing;
  const id = `${hostname().slice(0, 20)}-${process.pid}-${randomUUID().slice(0, 8)}`;
  const now = () => Date.now();
  const sending = new Map<number, Promise<void>>(); // printer id → its send under way
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let lastPurge = 0;

  const send = async (job: repo.QueueHead): Promise<void> => {
    const attempts = job.attempts + 1;
    const reprint = job.kind === 'reprint' || job.maybe_printed === 1 || job.claimed_by !== null;
    try {
      const ticket = JSON.parse(job.ticket) as Ticket;
      const bytes = renderTicket(ticket, job.paper_width, reprint);
      await sendToPrinter(job.host, job.port, bytes, {
        connectMs: cfg.connectTimeoutMs,
        writeMs: cfg.writeTimeoutMs,
      });
      await repo.markSent(ctx.db, job.id, id, now());
      if (await repo.markOk(ctx.db, job.printer_id)) await announceState(ctx, job.store_id, job.printer_id);
    } catch (err) {
      const wrote = err instanceof PrintError && err.wrote;
      const reason = err instanceof Error ? err.message : String(err);
      opts.log?.(`printer ${job.name} (${job.host}:${job.port}) job ${job.id} try ${attempts}: ${reason}`);
      await repo.releaseJob(ctx.db, job.id, id, now() + backoffMs(attempts, cfg.backoffMaxMs), wrote);
      if (await repo.markFailing(ctx.db, job.printer_id, now(), reason))
        await announceState(ctx, job.store_id, job.printer_id);
    }
  };

  const tick = async (): Promise<void> => {
    const t = now();
    if (t - lastPurge > PURGE_EVERY_MS) {
      lastPurge = t;
      await repo.purgeSentJobs(ctx.db, t - SENT_RETENTION_MS);
    }
    const heads = await repo.queueHeads(ctx.db);
    for (const job of heads) {
      if (stopped || sending.has(job.printer_id) || job.next_attempt_at > t) continue;
      if (job.claimed_by !== null && job.claimed_at !== null && job.claimed_at >= t - cfg.leaseMs) continue;
      if (!(await repo.claimJob(ctx.db, job, id, t, t - cfg.leaseMs))) continue;
      const p = send(job)
        .catch((err: unknown) => opts.log?.(`print job ${job.id}: ${String(err)}`))
        .finally(() => {
          sending.delete(job.printer_id);
          // The printer's next ticket goes at once.
          wake();
        });
      sending.set(job.printer_id, p);
    }
  };

  const loop = () => {
    timer = undefined;
    if (stopped || running) return;
    running = tick()
      .catch((err: unknown) => opts.log?.(`print worker: ${String(err)}`))
      .finally(() => {
        running = undefined;
        if (!stopped && !timer) timer = setTimeout(loop, cfg.pollMs);
      });
  };
  const wake = () => {
    if (stopped || running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(loop, 0);
  };
  timer = setTimeout(loop, 0);

  return {
    wake,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
      await Promise.all(sending.values());
    },
  };
}
