import type { EventType } from '@table-order/contracts';

/**
 * Events of the whole store that every table's stream carries (no table id); a table stream carries
 * the rest only when they name its table.
 */
export const STORE_WIDE_EVENTS = ['menu.changed', 'store.changed'] as const satisfies readonly EventType[];

const storeWide: ReadonlySet<string> = new Set(STORE_WIDE_EVENTS);

/** True when the stream of table `tableId` carries the event. */
export function reachesTable(event: { type: string; tableId: number | null }, tableId: number): boolean {
  return event.tableId === tableId || storeWide.has(event.type);
}
