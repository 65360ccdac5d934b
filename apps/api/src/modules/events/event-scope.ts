import type { EventType } from '@table-order/contracts';

/**
 * Events of the whole store that every table's stream carries (no table id); a table stream carries
 * the rest only when they name its table.
 */
export const STORE_WIDE_EVENTS = ['menu.changed', 'store.changed'] as const satisfies readonly EventType[];

const storeWide: ReadonlySet<string> = new Set(STORE_WIDE_EVENTS);

/**
 * The second table an event concerns: a move's or merge's source (its `tableId` is the target), whose
 * stream carries it too (stored as `events.other_table_id`, so a replay finds it as a live stream does).
 */
export function otherTableOf(event: { type: string; payload: unknown }): number | null {
  if (event.type !== 'table.moved' && event.type !== 'table.merged') return null;
  const from = (event.payload as { fromTableId?: unknown } | null)?.fromTableId;
  return typeof from === 'number' ? from : null;
}

/** True when the stream of table `tableId` carries the event. */
export function reachesTable(
  event: { type: string; tableId: number | null; payload: unknown },
  tableId: number,
): boolean {
  return event.tableId === tableId || storeWide.has(event.type) || otherTableOf(event) === tableId;
}
