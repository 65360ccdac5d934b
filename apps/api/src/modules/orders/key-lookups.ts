import type { AppContext } from '../../app-context.js';
import * as repo from './orders.repository.js';

/** Lookups of one store answered by one query at most (well under either database's parameter limit). */
const LOOKUPS_PER_QUERY = 100;

interface Lookup {
  tableId: number;
  key: string;
  resolve: (row: repo.OrderRow | undefined) => void;
  reject: (err: unknown) => void;
}

/**
 * The idempotency lookup every order with a key makes before its batch. On MySQL each is a round trip
 * of its own, more than the order's share of its batch's statements; so the lookups of one store made
 * in the same I/O phase are answered by one query (`findByIdempotencyKeys`), each caller still getting
 * only its own table's and key's order. On SQLite a lookup is an in-process call that a batched query
 * would not make cheaper, so it is made at once.
 */
export class KeyLookups {
  private readonly queues = new Map<number, Lookup[]>();

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'dialect'>) {}

  find(storeId: number, tableId: number, key: string): Promise<repo.OrderRow | undefined> {
    if (this.ctx.dialect === 'sqlite') return repo.findByIdempotencyKey(this.ctx.db, storeId, tableId, key);
    return new Promise((resolve, reject) => {
      const queue = this.queues.get(storeId);
      if (queue) {
        queue.push({ tableId, key, resolve, reject });
        return;
      }
      this.queues.set(storeId, [{ tableId, key, resolve, reject }]);
      setImmediate(() => {
        this.flush(storeId);
      });
    });
  }

  private flush(storeId: number): void {
    const queue = this.queues.get(storeId) ?? [];
    this.queues.delete(storeId);
    for (let i = 0; i < queue.length; i += LOOKUPS_PER_QUERY) {
      const chunk = queue.slice(i, i + LOOKUPS_PER_QUERY);
      repo.findByIdempotencyKeys(this.ctx.db, storeId, chunk).then(
        (rows) => {
          for (const l of chunk)
            l.resolve(rows.find((r) => r.table_id === l.tableId && r.idempotency_key === l.key));
        },
        (err: unknown) => {
          for (const l of chunk) l.reject(err);
        },
      );
    }
  }
}
