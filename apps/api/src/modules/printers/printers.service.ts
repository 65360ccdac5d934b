import type {
  Order,
  Printer,
  PrinterCreateBody,
  PrinterPatchBody,
  PrinterRole,
  PaperWidth,
} from '@table-order/contracts';
import { PRINTERS_PER_STORE_MAX } from '@table-order/contracts/constants';
import type { AppContext } from '../../app-context.js';
import type { Queryable } from '../../infra/db.js';
import { Errors } from '../../shared/errors.js';
import { categoryIdsOfStore } from '../menu/index.js';
import { storeTimeZone } from '../stores/index.js';
import { enqueueOrderTickets, printerRoutesKey } from './print-jobs.js';
import * as repo from './printers.repository.js';
import { toState } from './printer-state.js';
import type { Ticket } from './ticket.js';

/** Ticket printers (SPEC 15): owners configure them; anyone on the board may reprint an order. */
export class PrintersService {
  constructor(private readonly ctx: AppContext) {}

  /** The store's printers with their state (failing since, queued jobs). */
  async list(storeId: number): Promise<Printer[]> {
    const rows = await repo.listPrinters(this.ctx.db, storeId);
    const queued = await repo.queuedCounts(
      this.ctx.db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toPrinter(r, queued.get(r.id) ?? 0));
  }

  async create(storeId: number, body: PrinterCreateBody): Promise<Printer> {
    const id = await this.ctx.db.transaction().execute(async (trx) => {
      if ((await repo.countPrinters(trx, storeId)) >= PRINTERS_PER_STORE_MAX)
        throw Errors.conflict(`A store may have at most ${PRINTERS_PER_STORE_MAX} printers.`);
      await checkCategories(trx, storeId, body.categoryIds);
      return repo.insertPrinter(
        trx,
        storeId,
        {
          name: body.name,
          host: body.host,
          port: body.port,
          role: body.role,
          category_ids: JSON.stringify(body.categoryIds),
          paper_width: body.paperWidth,
          enabled: body.enabled ? 1 : 0,
        },
        this.ctx.clock.now(),
      );
    });
    this.changed(storeId);
    return this.get(storeId, id);
  }

  async update(storeId: number, id: number, body: PrinterPatchBody): Promise<Printer> {
    await this.ctx.db.transaction().execute(async (trx) => {
      if (!(await repo.findPrinter(trx, storeId, id))) throw Errors.notFound('Printer');
      if (body.categoryIds) await checkCategories(trx, storeId, body.categoryIds);
      await repo.updatePrinter(trx, storeId, id, {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.host !== undefined ? { host: body.host } : {}),
        ...(body.port !== undefined ? { port: body.port } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.categoryIds !== undefined ? { category_ids: JSON.stringify(body.categoryIds) } : {}),
        ...(body.paperWidth !== undefined ? { paper_width: body.paperWidth } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled ? 1 : 0 } : {}),
      });
    });
    this.changed(storeId);
    return this.get(storeId, id);
  }

  /** Deletes the printer and the jobs it had not printed yet. */
  async remove(storeId: number, id: number): Promise<void> {
    const existed = await this.ctx.db.transaction().execute((trx) => repo.deletePrinter(trx, storeId, id));
    if (!existed) throw Errors.notFound('Printer');
    this.changed(storeId);
  }

  /** Queues a test ticket (Korean included) on an enabled printer; a disabled one gets no jobs (409). */
  async testPrint(storeId: number, id: number): Promise<{ jobs: number }> {
    const p = await repo.findPrinter(this.ctx.db, storeId, id);
    if (!p) throw Errors.notFound('Printer');
    if (p.enabled !== 1) throw Errors.noPrinter('Enable the printer to print a test ticket.');
    const ticket: Ticket = {
      kind: 'test',
      tableNumber: null,
      orderNumber: null,
      at: this.ctx.clock.now(),
      timeZone: await storeTimeZone(this.ctx.db, storeId),
      lines: [],
      note: '',
      printerName: p.name,
    };
    await repo.insertJobs(
      this.ctx.db,
      [{ store_id: storeId, printer_id: id, order_id: null, kind: 'test', ticket: JSON.stringify(ticket) }],
      this.ctx.clock.now(),
    );
    return { jobs: 1 };
  }

  /** Reprints an order (재출력) on the printers its lines go to; 409 when no enabled printer takes it. */
  async reprint(storeId: number, order: Order): Promise<{ jobs: number }> {
    const timeZone = await storeTimeZone(this.ctx.db, storeId);
    const jobs = await this.ctx.db.transaction().execute((trx) =>
      enqueueOrderTickets(this.ctx, trx, {
        storeId,
        order,
        timeZone,
        now: this.ctx.clock.now(),
        reprint: true,
      }),
    );
    if (jobs === 0) throw Errors.noPrinter();
    return { jobs };
  }

  private async get(storeId: number, id: number): Promise<Printer> {
    const p = await repo.findPrinter(this.ctx.db, storeId, id);
    if (!p) throw Errors.notFound('Printer');
    const queued = (await repo.queuedCounts(this.ctx.db, [id])).get(id) ?? 0;
    return toPrinter(p, queued);
  }

  /** Drops the store's cached printer routes on every instance. */
  private changed(storeId: number): void {
    this.ctx.hub.invalidate(printerRoutesKey(storeId));
  }
}

async function checkCategories(db: Queryable, storeId: number, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set(await categoryIdsOfStore(db, storeId));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) throw Errors.unknownCategory(`Not a category of this store: ${unknown.join(', ')}`);
}

function toPrinter(r: repo.PrinterRecord, queued: number): Printer {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    role: r.role as PrinterRole,
    categoryIds: JSON.parse(r.category_ids) as number[],
    paperWidth: r.paper_width as PaperWidth,
    enabled: r.enabled === 1,
    state: toState(r, queued),
  };
}
