import type { EventPayload, OrderStatus, TableOrderCounts } from '@table-order/contracts';
import type { SseMessage } from '../shared/sse';
import type { BoardEvent } from './board-state';

/** What a stream message means for this screen. */
export type StreamEvent =
  { kind: 'board'; event: BoardEvent } | { kind: 'menu' } | { kind: 'resync' } | { kind: 'ignore' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isId = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** The table's counts an event carries, when all are there and well formed (else the board counts). */
function countsOf(data: Record<string, unknown>): Partial<TableOrderCounts> {
  const { pendingCount, preparingCount, oldestPendingAt } = data;
  return isCount(pendingCount) &&
    isCount(preparingCount) &&
    (oldestPendingAt === null || typeof oldestPendingAt === 'string')
    ? { pendingCount, preparingCount, oldestPendingAt }
    : {};
}

/** Reads one SSE message; anything malformed or unknown is ignored rather than breaking the board. */
export function readStreamEvent(message: SseMessage): StreamEvent {
  if (message.event === 'resync') return { kind: 'resync' };
  if (message.event === 'menu.changed') return { kind: 'menu' };
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return { kind: 'ignore' };
  }
  if (!isObject(data)) return { kind: 'ignore' };
  switch (message.event) {
    case 'order.created':
      return isId(data.id) && isId(data.tableId) && Array.isArray(data.items)
        ? { kind: 'board', event: { type: 'order.created', payload: data as EventPayload<'order.created'> } }
        : { kind: 'ignore' };
    case 'order.updated':
      return isId(data.orderId) && isId(data.tableId) && typeof data.status === 'string'
        ? {
            kind: 'board',
            event: {
              type: 'order.updated',
              payload: {
                orderId: data.orderId,
                tableId: data.tableId,
                status: data.status as OrderStatus,
                ...countsOf(data),
              },
            },
          }
        : { kind: 'ignore' };
    case 'order.deleted':
      return isId(data.orderId) && isId(data.tableId) && typeof data.tableTotal === 'number'
        ? {
            kind: 'board',
            event: {
              type: 'order.deleted',
              payload: {
                orderId: data.orderId,
                tableId: data.tableId,
                tableTotal: data.tableTotal,
                ...countsOf(data),
              },
            },
          }
        : { kind: 'ignore' };
    case 'table.checked_out':
      return isId(data.tableId) && isId(data.sessionId)
        ? {
            kind: 'board',
            event: { type: 'table.checked_out', payload: data as EventPayload<'table.checked_out'> },
          }
        : { kind: 'ignore' };
    default:
      return { kind: 'ignore' };
  }
}

/**
 * Remembers the last messages seen so each is applied once. The key is the whole frame: the server
 * may label a late event with the previous id, so the id alone does not tell two events apart.
 */
export class MessageDeduper {
  private readonly seen = new Set<string>();
  private readonly order: string[] = [];

  constructor(private readonly capacity = 1000) {}

  /** True the first time a message is seen. */
  firstTime(message: SseMessage): boolean {
    const key = `${message.id}\n${message.event}\n${message.data}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    this.order.push(key);
    if (this.order.length > this.capacity) {
      const old = this.order.shift();
      if (old !== undefined) this.seen.delete(old);
    }
    return true;
  }
}
