import type { LiveEvent } from '@table-order/contracts/sse';

/** What a move or merge means for this tablet (SPEC 12). */
export type TableOpNotice =
  /** This table's orders went to table `to`: its list and total are empty now. */
  | { kind: 'moved-away'; to: number }
  /** Another table's orders joined this one. */
  | { kind: 'joined'; from: number };

/** The notice a live event brings this table (`tableId`), if any. */
export function tableOpNotice(event: LiveEvent, tableId: number | undefined): TableOpNotice | null {
  if (event.type !== 'table.moved' && event.type !== 'table.merged') return null;
  const p = event.payload;
  if (tableId === p.fromTableId) return { kind: 'moved-away', to: p.toTableNumber };
  if (tableId === p.toTableId) return { kind: 'joined', from: p.fromTableNumber };
  return null;
}
