import type { Order } from '@table-order/contracts';
import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { cartTotal, useCart, type CartLine } from '../cart';
import { menuQueryKey } from '../menu';
import type { ApiError } from '../shared/api/errors';
import { useSession } from '../shared/api/session-context';
import { orderSequence } from '../shared/format';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { LineOptions } from '../shared/ui/LineOptions';
import { useToast } from '../shared/ui/Toast';
import { createOrder } from './send-order';
import { ordersQueryKey } from './get-orders';
import { Outbox, OutboxSender, OutboxStore, outboxKey, type HoldReason, type OutboxEntry } from './outbox';
import { browserLock } from './outbox-lock';
import { describeOrderFailure } from './order-errors';

export interface OutboxApi {
  /** The queued orders, oldest first. */
  entries: OutboxEntry[];
  /** Queues a confirmed order that got no answer (or must wait behind queued ones); false if not stored. */
  enqueue: (order: { key: string; body: OutboxEntry['body']; lines: CartLine[]; note: string }) => boolean;
  /** Tries to send now (the connection seems back). */
  kick: () => void;
  /** The table was checked out: queued orders wait for the guest's word. */
  checkedOut: () => void;
}

const OutboxContext = createContext<OutboxApi | null>(null);

interface Handlers {
  delivered: (order: Order) => void;
  refused: (entry: OutboxEntry, err: ApiError) => void;
}

/** The first waiting order, held for the guest's word, and how many minutes it has waited. */
interface Held {
  entry: OutboxEntry;
  reason: HoldReason;
  minutes: number;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return typeof window === 'undefined' ? undefined : window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * The table's outbox (see outbox.ts) for the app: keeps it sending while the app runs, tells the guest
 * when a waiting order was received or refused (its lines go back into the cart), and asks before sending
 * an order that waited more than 10 minutes or outlived a checkout.
 */
export function OutboxProvider({
  storeIdentifier,
  tableNumber,
  children,
}: {
  storeIdentifier: string;
  tableNumber: number;
  children: ReactNode;
}) {
  const session = useSession();
  const queryClient = useQueryClient();
  const cart = useCart();
  const toast = useToast();
  const { t } = useI18n();
  const [held, setHeld] = useState<Held | null>(null);
  const [refused, setRefused] = useState<{ entry: OutboxEntry; err: ApiError }[]>([]);

  // What a delivery or refusal does, with the latest cart, toast and language (read when it happens).
  const handlers = useRef<Handlers>({ delivered: () => undefined, refused: () => undefined });
  useEffect(() => {
    handlers.current = {
      delivered: (order) => {
        toast.notify(t.outboxDelivered(orderSequence(order.orderNumber)));
        void queryClient.invalidateQueries({ queryKey: ordersQueryKey });
      },
      refused: (entry, err) => {
        cart.restore(entry.lines, typeof entry.body.note === 'string' ? entry.body.note : '');
        setRefused((list) => [...list, { entry, err }]);
        void queryClient.invalidateQueries({ queryKey: menuQueryKey });
      },
    };
  });

  const engine = useMemo(() => {
    const storage = localStorageOrUndefined();
    const store = new OutboxStore(storage, outboxKey(storeIdentifier, tableNumber));
    const listeners = new Set<() => void>();
    const outbox = new Outbox({
      store,
      send: (body, key) => createOrder(session, body, key),
      lock: browserLock(`table-order:outbox-lock:${storeIdentifier}:${tableNumber}`, storage),
      onDelivered: (_e, order) => {
        handlers.current.delivered(order);
      },
      onRefused: (e, err) => {
        handlers.current.refused(e, err);
      },
      onChange: () => {
        for (const fn of listeners) fn();
      },
    });
    const sender = new OutboxSender(outbox, {
      onResult: (r) => {
        setHeld(
          r.status === 'held'
            ? {
                entry: r.entry,
                reason: r.reason,
                minutes: Math.floor(r.ageMs / 60_000),
              }
            : null,
        );
      },
    });
    // Our own changes notify directly; another tab's arrive as storage events.
    const subscribe = (notify: () => void) => {
      listeners.add(notify);
      const onStorage = (e: StorageEvent) => {
        if (e.key === store.name) notify();
      };
      window.addEventListener('storage', onStorage);
      return () => {
        listeners.delete(notify);
        window.removeEventListener('storage', onStorage);
      };
    };
    return { outbox, sender, store, subscribe };
  }, [session, storeIdentifier, tableNumber]);

  const raw = useSyncExternalStore(engine.subscribe, () => engine.store.raw());
  const entries = useMemo(() => OutboxStore.parse(raw), [raw]);

  useEffect(() => {
    const { sender } = engine;
    sender.resume();
    void sender.kick();
    const online = () => {
      void sender.kick();
    };
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      sender.stop();
    };
  }, [engine]);

  // Stable while the engine is, so a caller's effect that kicks does not run again on every change.
  const kick = useCallback(() => {
    void engine.sender.kick();
  }, [engine]);

  const api = useMemo<OutboxApi>(
    () => ({
      entries,
      enqueue: ({ key, body, lines, note }) => {
        const ok = engine.outbox.enqueue({
          key,
          body,
          lines,
          amount: cartTotal({ lines, note, submissionKey: key }),
        });
        if (ok) void engine.sender.kick();
        return ok;
      },
      kick,
      checkedOut: () => {
        engine.outbox.markCheckedOut();
      },
    }),
    [engine, entries, kick],
  );

  const firstRefused = refused[0];
  return (
    <OutboxContext value={api}>
      {children}
      {held && !firstRefused && (
        <Dialog
          title={t.outboxHeldTitle}
          onClose={() => undefined}
          dismissible={false}
          className="outbox-held"
          footer={
            <>
              <button
                type="button"
                className="button button--secondary button--xl"
                onClick={() => {
                  engine.outbox.cancel(held.entry.key);
                  setHeld(null);
                  void engine.sender.kick();
                }}
              >
                {t.outboxCancel}
              </button>
              <button
                type="button"
                className="button button--primary button--xl"
                onClick={() => {
                  engine.outbox.confirm(held.entry.key);
                  setHeld(null);
                  void engine.sender.kick();
                }}
              >
                {t.outboxSendNow}
              </button>
            </>
          }
        >
          <p>{held.reason === 'checkout' ? t.outboxHeldCheckout : t.outboxHeldOld(held.minutes)}</p>
          <EntryLines entry={held.entry} />
        </Dialog>
      )}
      {firstRefused && (
        <Dialog
          title={t.outboxRefusedTitle}
          onClose={() => {
            setRefused((list) => list.slice(1));
          }}
          className="outbox-refused"
          footer={
            <button
              type="button"
              className="button button--primary button--xl"
              onClick={() => {
                setRefused((list) => list.slice(1));
              }}
            >
              {t.ok}
            </button>
          }
        >
          <p role="alert">
            {describeOrderFailure(firstRefused.err, t, firstRefused.entry.lines).message}{' '}
            {t.outboxRefusedBack}
          </p>
          <EntryLines entry={firstRefused.entry} />
        </Dialog>
      )}
    </OutboxContext>
  );
}

/** A queued order's lines and amount (My orders, the confirm and refusal dialogs). */
export function EntryLines({ entry }: { entry: OutboxEntry }) {
  const { t } = useI18n();
  return (
    <>
      <ul className="order-card__lines">
        {entry.lines.map((line, i) => (
          <li key={i} className="order-card__line">
            <span>
              {line.name} <span className="order-card__qty">× {line.quantity}</span>
              <LineOptions options={line.options} />
            </span>
            <span>{t.money(line.unitPrice * line.quantity)}</span>
          </li>
        ))}
      </ul>
      <div className="order-card__total">
        <span>{t.total}</span>
        <strong>{t.money(entry.amount)}</strong>
      </div>
    </>
  );
}

/** The table's outbox; null outside an OutboxProvider (component tests of other parts). */
export function useOutbox(): OutboxApi | null {
  return useContext(OutboxContext);
}
