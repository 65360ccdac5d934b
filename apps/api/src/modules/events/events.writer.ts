import type { EventPayload, EventType, StoreEvent } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import type { Trx } from '../../infra/db.js';
import { appendEvent, appendEvents, reserveEvent } from './events.repository.js';

/** What a write's change works with: its transaction, the write's clock reading, the store's time zone. */
export interface EventWrite {
  trx: Trx;
  now: number;
  timeZone: string;
}

/** The event a change records; its id is the one the write reserved. */
export interface NewEvent<T extends EventType> {
  type: T;
  tableId: number | null;
  payload: EventPayload<T>;
}

/** A change's outcome: what the write answers, and its event (none when the change turned out a no-op). */
export interface ChangeResult<R, T extends EventType> {
  result: R;
  event?: NewEvent<T> | undefined;
}

export interface WriteOptions {
  /** The write changes the menu: the store's `menu_version` moves with the event id. */
  menuChanged?: boolean;
  /** Runs after commit, before the event is published (e.g. dropping caches the event makes stale). */
  committed?: () => void;
}

/**
 * Every store write that records an event, in one transaction: reserve the event id first (the store's
 * row lock, so one store's writes are serialised and ids commit in order), run the change, append its
 * event, commit; then publish the event to the hub. A change that throws rolls everything back and
 * publishes nothing; one that records no event leaves a gap in the ids (replays allow for gaps).
 */
export async function writeWithEvent<R, T extends EventType>(
  ctx: Pick<AppContext, 'db' | 'hub' | 'clock'>,
  storeId: number,
  change: (write: EventWrite) => Promise<ChangeResult<R, T>>,
  opts: WriteOptions = {},
): Promise<{ result: R; event: StoreEvent<T> | undefined }> {
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const { eventId, timeZone } = await reserveEvent(trx, storeId, { menuChanged: opts.menuChanged });
    const { result, event } = await change({ trx, now, timeZone });
    if (!event) return { result, event: undefined };
    return { result, event: await appendEvent(trx, { storeId, id: eventId, ...event, now }) };
  });
  opts.committed?.();
  if (done.event) ctx.hub.publish(storeId, [done.event]);
  return done;
}

/**
 * Several changes of one store that each record one event, in one transaction and one commit (the
 * orders of a group commit): reserves `count` consecutive ids under the store lock, runs `change`, which
 * answers exactly `count` events in the order of their ids, appends them in one statement, commits, then
 * publishes them in id order. All or nothing, like writeWithEvent: callers that need each change to fail
 * on its own retry the changes one by one when the batch throws (see OrderBatcher).
 */
export async function writeWithEvents<R, T extends EventType>(
  ctx: Pick<AppContext, 'db' | 'hub' | 'clock'>,
  storeId: number,
  count: number,
  change: (write: EventWrite) => Promise<{ result: R; events: NewEvent<T>[] }>,
): Promise<{ result: R; events: StoreEvent<T>[] }> {
  const now = ctx.clock.now();
  const done = await ctx.db.transaction().execute(async (trx) => {
    const { eventId: last, timeZone } = await reserveEvent(trx, storeId, { count });
    const { result, events } = await change({ trx, now, timeZone });
    if (events.length !== count) throw new Error(`${count} events reserved, ${events.length} recorded`);
    const first = last - count + 1;
    const stored = await appendEvents(
      trx,
      storeId,
      now,
      events.map((e, i) => ({ ...e, id: first + i })),
    );
    return { result, events: stored };
  });
  ctx.hub.publish(storeId, done.events);
  return done;
}
