/**
 * Application-level group commit for one store's writes. Every order of a store takes the store's lock
 * (event id, day counter) and holds it through its commit's log flush, so one store's orders run one at
 * a time; writing the orders that queued up meanwhile in one transaction makes that one flush and one
 * lock hold per batch instead of per order.
 *
 * Per store: while no batch runs, a request starts one at the end of the event loop's current I/O
 * phase (`setImmediate`: no timer, no added wait beyond the requests read in the same phase), so every
 * order read from the sockets in that phase joins it; requests that arrive while a batch runs queue and
 * form the next batch (at most `maxBatch`). Starting at once instead gave SQLite batches of one: its
 * statements complete synchronously, so a request's lookup, batch and commit all ran before the next
 * socket was even read. Each request is still answered
 * and fails on its own: when a batch throws (one order's table was deleted, two requests with one
 * idempotency key met in it, a deadlock…) nothing of it was committed, and its requests are written
 * again one by one, each in its own transaction, so only the one at fault fails.
 */
export class StoreBatcher<Req, Res> {
  private readonly queues = new Map<
    number,
    { req: Req; resolve: (r: Res) => void; reject: (e: unknown) => void }[]
  >();

  constructor(
    /** Writes requests of one store in one transaction; answers one result per request, in order. */
    private readonly write: (storeId: number, reqs: Req[]) => Promise<Res[]>,
    private readonly maxBatch: number,
  ) {}

  submit(storeId: number, req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      const queue = this.queues.get(storeId);
      if (queue) {
        queue.push({ req, resolve, reject });
        return;
      }
      this.queues.set(storeId, [{ req, resolve, reject }]);
      setImmediate(() => void this.drain(storeId));
    });
  }

  /** Writes the store's queue batch after batch until it is empty (the queue's presence marks a runner). */
  private async drain(storeId: number): Promise<void> {
    for (;;) {
      const queue = this.queues.get(storeId);
      if (!queue || queue.length === 0) {
        this.queues.delete(storeId);
        return;
      }
      await this.run(storeId, queue.splice(0, this.maxBatch));
    }
  }

  private async run(
    storeId: number,
    batch: { req: Req; resolve: (r: Res) => void; reject: (e: unknown) => void }[],
  ): Promise<void> {
    if (batch.length > 1) {
      try {
        const results = await this.write(
          storeId,
          batch.map((p) => p.req),
        );
        batch.forEach((p, i) => {
          p.resolve(results[i] as Res);
        });
        return;
      } catch {
        // Nothing of the batch was committed: each alone, so only the one at fault fails.
      }
    }
    for (const p of batch) {
      try {
        const [result] = await this.write(storeId, [p.req]);
        p.resolve(result as Res);
      } catch (err) {
        p.reject(err);
      }
    }
  }
}
