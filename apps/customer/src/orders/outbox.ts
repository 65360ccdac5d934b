// The tablet's offline outbox (SPEC 16): orders the guest confirmed while the server could not be reached
// wait here, in the browser's storage, and are sent in order with their own Idempotency-Keys once the
// server answers again. No React and no DOM beyond an injectable Storage, so the same logic runs in the
// component tests, in the app and in the fault suite's simulated tablets (Node).
import type { Order, OrderCreateBody } from '@table-order/contracts';
import { IDEMPOTENCY_KEY_RE } from '@table-order/contracts/constants';
import { ApiError, NetworkError } from '../shared/api/errors';
import { isRecord, KEY_PREFIX } from '../shared/storage';

/** An entry older than this is not sent silently: the guest confirms or cancels it (SPEC 16). */
export const OUTBOX_MAX_SILENT_AGE_MS = 10 * 60_000;

/**
 * A line as the guest confirmed it (the cart's CartLine; spelled out here so that this module depends on
 * no other feature and runs in Node).
 */
export interface OutboxLine {
  menuItemId: number;
  name: string;
  unitPrice: number;
  quantity: number;
  options: { id: number; groupName: string; name: string; priceDelta: number }[];
}

/**
 * One order waiting to be sent. Only what the order is made of is stored: the request body, its
 * Idempotency-Key, and the lines and amount for My orders. Never a token or a credential.
 */
export interface OutboxEntry {
  key: string;
  body: OrderCreateBody;
  /** The cart lines as confirmed: shown in My orders, and put back in the cart if the order is refused. */
  lines: OutboxLine[];
  /** The amount as the guest saw it (the server prices the order). */
  amount: number;
  /** When the guest confirmed it (epoch ms, the tablet's clock). */
  createdAt: number;
  /** The guest said "send it" although it was old or the table was checked out since. */
  confirmed?: boolean;
  /** The table was checked out while this waited: the next guests must not get it silently. */
  afterCheckout?: boolean;
}

/** Why an entry waits for the guest instead of being sent. */
export type HoldReason = 'old' | 'checkout';

/** Whether `entry` may be sent without asking the guest first, and if not why. */
export function holdReason(entry: OutboxEntry, now: number): HoldReason | undefined {
  if (entry.confirmed) return undefined;
  if (entry.afterCheckout) return 'checkout';
  return now - entry.createdAt > OUTBOX_MAX_SILENT_AGE_MS ? 'old' : undefined;
}

/**
 * Whether a failed order request may have gone unanswered rather than refused: nothing came back
 * (offline, timeout, cut connection) or a proxy said the API is away (502/503/504). Such an order goes
 * to the outbox; anything else is an answer the guest sees.
 */
export function isNoAnswer(err: unknown): boolean {
  if (err instanceof NetworkError) return true;
  return err instanceof ApiError && (err.status === 502 || err.status === 503 || err.status === 504);
}

/**
 * Whether a failed send of a queued order should be tried again later with the same key rather than
 * shown as refused: no answer, any 5xx, a timeout or rate limit, or the tablet's login being refused
 * (staff must fix the device; the order must not be lost meanwhile).
 */
export function isRetryLater(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true;
  if (err.status >= 500 || err.status === 408 || err.status === 429) return true;
  if (err.status === 401 || err.status === 403) return true;
  // Another request with this key is still being processed: it resolves to the same order.
  return err.code === ('idempotency_in_progress' as string);
}

/** Each store+table has its own outbox (like its cart). */
export function outboxKey(storeIdentifier: string, tableNumber: number): string {
  return `${KEY_PREFIX}outbox:${storeIdentifier}:${tableNumber}`;
}

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

function toEntry(v: unknown): OutboxEntry | undefined {
  if (!isRecord(v)) return undefined;
  const { key, body, lines, amount, createdAt } = v;
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_RE.test(key)) return undefined;
  if (!isRecord(body) || !Array.isArray(body.items) || body.items.length === 0) return undefined;
  if (!Array.isArray(lines) || !isInt(amount) || !isInt(createdAt)) return undefined;
  return {
    key,
    body: body as unknown as OrderCreateBody,
    lines: lines as OutboxLine[],
    amount,
    createdAt,
    ...(v.confirmed === true ? { confirmed: true } : {}),
    ...(v.afterCheckout === true ? { afterCheckout: true } : {}),
  };
}

/** The queued entries of one store+table, oldest first, kept in a Storage (localStorage in the app). */
export class OutboxStore {
  constructor(
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
    readonly name: string,
  ) {}

  /** The stored text as it is (a cheap snapshot to compare). */
  raw(): string | null {
    try {
      return this.storage?.getItem(this.name) ?? null;
    } catch {
      return null;
    }
  }

  read(): OutboxEntry[] {
    return OutboxStore.parse(this.raw());
  }

  /** The entries in a stored text; anything malformed is left out. */
  static parse(raw: string | null): OutboxEntry[] {
    try {
      const parsed: unknown = raw == null ? [] : JSON.parse(raw);
      if (!Array.isArray(parsed)) return [];
      return parsed.map(toEntry).filter((e): e is OutboxEntry => e !== undefined);
    } catch {
      return [];
    }
  }

  /** Writes the entries (none: the key is removed); false when the storage refused them. */
  write(entries: readonly OutboxEntry[]): boolean {
    try {
      if (!this.storage) return false;
      if (entries.length === 0) this.storage.removeItem(this.name);
      else this.storage.setItem(this.name, JSON.stringify(entries));
      return true;
    } catch {
      return false;
    }
  }

  /** Applies `fn` to the stored entries (read-modify-write, so another tab's changes are kept). */
  update(fn: (entries: OutboxEntry[]) => OutboxEntry[]): boolean {
    return this.write(fn(this.read()));
  }
}

/** Runs `fn` holding the outbox's lock, or answers `busy` without running it when someone else holds it. */
export type OutboxLock = <T>(fn: () => Promise<T>) => Promise<T | 'busy'>;

/** A lock for one process (tests, Node): a second drain while one runs is `busy`. */
export function processLock(): OutboxLock {
  let held = false;
  return async (fn) => {
    if (held) return 'busy';
    held = true;
    try {
      return await fn();
    } finally {
      held = false;
    }
  };
}

/** What one drain ended with. */
export type DrainResult =
  | { status: 'empty' }
  /** The server did not answer (or asked to wait): try again later; `retryAfter` in seconds when given. */
  | { status: 'waiting'; retryAfter?: number }
  /** The first entry waits for the guest's confirm or cancel; nothing after it is sent before it. */
  | { status: 'held'; entry: OutboxEntry; reason: HoldReason; ageMs: number }
  /** Another tab (or drain) is sending the outbox. */
  | { status: 'busy' };

export interface OutboxDeps {
  store: OutboxStore;
  /** Sends one order with its key: the placed order, or ApiError / NetworkError. */
  send: (body: OrderCreateBody, key: string) => Promise<Order>;
  lock?: OutboxLock;
  now?: () => number;
  /** An entry reached the server: `order` is the one its key placed (also when it was placed earlier). */
  onDelivered?: (entry: OutboxEntry, order: Order) => void;
  /** The server refused an entry (sold out, deleted, invalid): it left the outbox. */
  onRefused?: (entry: OutboxEntry, err: ApiError) => void;
  /** The entries changed (queued, sent, refused, confirmed, cancelled). */
  onChange?: () => void;
}

/**
 * The outbox: queue, hold and drain. A drain sends entries one at a time, oldest first, each with its own
 * key, holding the lock so two tabs never send concurrently; it re-reads the storage before every send,
 * and removes an entry only after its answer, so a reload or crash in between sends it again with the
 * same key, which the API answers with the order already placed.
 */
export class Outbox {
  private readonly lock: OutboxLock;
  private readonly now: () => number;

  constructor(private readonly deps: OutboxDeps) {
    this.lock = deps.lock ?? processLock();
    this.now = deps.now ?? Date.now;
  }

  entries(): OutboxEntry[] {
    return this.deps.store.read();
  }

  /** Queues an order at the end (a key already queued is not added twice); false if storage refused it. */
  enqueue(entry: Omit<OutboxEntry, 'createdAt'> & { createdAt?: number }): boolean {
    const full: OutboxEntry = { ...entry, createdAt: entry.createdAt ?? this.now() };
    const ok = this.deps.store.update((list) =>
      list.some((e) => e.key === full.key) ? list : [...list, full],
    );
    this.deps.onChange?.();
    return ok;
  }

  /** The guest wants a held entry sent after all. */
  confirm(key: string): void {
    this.deps.store.update((list) =>
      list.map((e) => (e.key === key ? { ...e, confirmed: true, afterCheckout: false } : e)),
    );
    this.deps.onChange?.();
  }

  /** The guest gives up a held entry; returns it (its lines can go back to the cart). */
  cancel(key: string): OutboxEntry | undefined {
    const entry = this.entries().find((e) => e.key === key);
    this.deps.store.update((list) => list.filter((e) => e.key !== key));
    this.deps.onChange?.();
    return entry;
  }

  /** The table was checked out: what still waits belongs to the party that left, so ask before sending. */
  markCheckedOut(): void {
    const list = this.entries();
    if (list.length === 0) return;
    this.deps.store.write(list.map((e) => ({ ...e, afterCheckout: true, confirmed: false })));
    this.deps.onChange?.();
  }

  /** Sends what can be sent, in order, until the outbox is empty, the server is away or an entry is held. */
  async drain(): Promise<DrainResult> {
    const result = await this.lock(() => this.drainLocked());
    return result === 'busy' ? { status: 'busy' } : result;
  }

  private async drainLocked(): Promise<DrainResult> {
    for (;;) {
      const head = this.entries()[0];
      if (!head) return { status: 'empty' };
      const now = this.now();
      const reason = holdReason(head, now);
      if (reason) return { status: 'held', entry: head, reason, ageMs: now - head.createdAt };
      let order: Order;
      try {
        order = await this.deps.send(head.body, head.key);
      } catch (err) {
        if (isRetryLater(err)) {
          const retryAfter = err instanceof ApiError ? err.retryAfter : undefined;
          return retryAfter === undefined ? { status: 'waiting' } : { status: 'waiting', retryAfter };
        }
        this.remove(head.key);
        this.deps.onRefused?.(head, err as ApiError);
        continue;
      }
      this.remove(head.key);
      this.deps.onDelivered?.(head, order);
    }
  }

  private remove(key: string): void {
    this.deps.store.update((list) => list.filter((e) => e.key !== key));
    this.deps.onChange?.();
  }
}

export interface SenderDeps {
  setTimeout?: (fn: () => void, ms: number) => unknown;
  clearTimeout?: (handle: unknown) => void;
  random?: () => number;
  /** First wait after the server did not answer; doubled each time up to `maxDelayMs`. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called with each drain's result (the app opens the confirm dialog on `held`). */
  onResult?: (result: DrainResult) => void;
}

/**
 * Drives an outbox: drains it when kicked (an order queued, the live stream back, the browser online) and,
 * while the server does not answer, probes again with exponential backoff and jitter (1 s, 2 s, 4 s … 30 s,
 * ±20 %, or the server's Retry-After), so fifty tablets coming back do not knock in step.
 */
export class OutboxSender {
  private timer: unknown;
  private attempt = 0;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private readonly setT: (fn: () => void, ms: number) => unknown;
  private readonly clearT: (handle: unknown) => void;
  private readonly random: () => number;
  private readonly base: number;
  private readonly max: number;

  constructor(
    private readonly outbox: Outbox,
    private readonly deps: SenderDeps = {},
  ) {
    this.setT = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearT =
      deps.clearTimeout ??
      ((h) => {
        clearTimeout(h as ReturnType<typeof setTimeout>);
      });
    this.random = deps.random ?? Math.random;
    this.base = deps.baseDelayMs ?? 1000;
    this.max = deps.maxDelayMs ?? 30_000;
  }

  /** Drains now (backoff starts over). A kick during a drain runs one more drain after it. */
  kick(): Promise<void> {
    this.attempt = 0;
    return this.start();
  }

  private start(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer !== undefined) {
      this.clearT(this.timer);
      this.timer = undefined;
    }
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Sends again after `stop` (a remount of the same app). */
  resume(): void {
    this.stopped = false;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== undefined) this.clearT(this.timer);
    this.timer = undefined;
  }

  /** How long the sender waits before its next probe (for tests and figures). */
  nextDelay(retryAfter?: number): number {
    if (retryAfter !== undefined) return retryAfter * 1000;
    const d = Math.min(this.max, this.base * 2 ** this.attempt);
    return Math.round(d * (0.8 + 0.4 * this.random()));
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      const result = await this.outbox.drain();
      if (this.stopped) return;
      this.deps.onResult?.(result);
      if (result.status === 'waiting' || result.status === 'busy') {
        // Busy: the other tab may close mid-drain; look again after a while.
        const delay = result.status === 'busy' ? 5000 : this.nextDelay(result.retryAfter);
        this.attempt++;
        if (!this.again) this.schedule(delay);
      }
    } while (this.again && !this.stopped);
  }

  private schedule(ms: number): void {
    if (this.timer !== undefined) this.clearT(this.timer);
    this.timer = this.setT(() => {
      this.timer = undefined;
      // A probe keeps climbing the backoff (a kick starts it over).
      void this.start();
    }, ms);
  }
}
