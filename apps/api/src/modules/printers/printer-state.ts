import type { PrinterState } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { iso } from '../../shared/time.js';
import { writeWithEvent } from '../events/index.js';
import * as repo from './printers.repository.js';

/** A printer's state as the API shows it. */
export function toState(
  p: Pick<repo.PrinterRecord, 'failing_since' | 'last_error'>,
  queued: number,
): PrinterState {
  return {
    status: p.failing_since === null ? 'ok' : 'failing',
    since: p.failing_since === null ? null : iso(p.failing_since),
    queued,
    lastError: p.last_error,
  };
}

/**
 * Records `printer.state` with the printer's state now (admin streams only: it names no table and is not
 * store-wide, so no tablet receives it).
 */
export async function announceState(
  ctx: Pick<AppContext, 'db' | 'hub' | 'clock'>,
  storeId: number,
  printerId: number,
): Promise<void> {
  await writeWithEvent(ctx, storeId, async ({ trx }) => {
    const p = await repo.findPrinter(trx, storeId, printerId);
    if (!p) return { result: undefined };
    const queued = (await repo.queuedCounts(trx, [printerId])).get(printerId) ?? 0;
    return {
      result: undefined,
      event: { type: 'printer.state', tableId: null, payload: { printerId, state: toState(p, queued) } },
    };
  });
}
