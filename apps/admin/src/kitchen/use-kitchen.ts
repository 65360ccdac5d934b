import type { Order, OrderStatus } from '@table-order/contracts';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useLiveBoard, useUpdateOrderStatus } from '../board';
import { listTickets } from './api/list-tickets';
import { initialKitchen, kitchenReaction, kitchenReducer, type KitchenAction } from './kitchen-state';

/** How long "되돌리기" can take back a completion (the completion is sent when it runs out). */
export const UNDO_MS = 60_000;
/** After a failed snapshot read, the next try. */
const RETRY_MS = 5_000;

/**
 * The kitchen's tickets from the app's one live stream: the snapshot (every open session's orders not
 * yet completed), then each streamed event applied once; a fresh stream or a `resync` reads the snapshot
 * again, and events arriving while it loads are applied again on top of it (every change is idempotent,
 * by order id), so no ticket is lost or doubled across reconnects and server restarts.
 */
export function useKitchenTickets() {
  const { subscribe } = useLiveBoard();
  const [state, dispatch] = useReducer(kitchenReducer, initialKitchen);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** Changes applied while a snapshot loads (null when none is loading). */
  const during = useRef<KitchenAction[] | null>(null);
  const seq = useRef(0);

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    during.current = [];
    try {
      const orders = await listTickets();
      if (mine !== seq.current) return;
      dispatch({ type: 'snapshot', orders });
      for (const action of during.current) dispatch(action);
      setLoadError(null);
    } catch (err) {
      if (mine !== seq.current) return;
      setLoadError(err);
    } finally {
      if (mine === seq.current) during.current = null;
    }
  }, []);

  useEffect(
    () =>
      subscribe((event) => {
        const reaction = kitchenReaction(event);
        if (!reaction) return;
        if ('refetch' in reaction) {
          void reload();
          return;
        }
        dispatch(reaction.action);
        during.current?.push(reaction.action);
      }),
    [subscribe, reload],
  );

  useEffect(() => {
    // Bumped on cleanup so a snapshot read still in flight is ignored.
    const loads = seq;
    void reload();
    return () => {
      loads.current++;
    };
  }, [reload]);

  useEffect(() => {
    if (!loadError) return;
    const timer = setTimeout(() => void reload(), RETRY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [loadError, reload]);

  /** This screen's own change, shown at once (the stream's echo is then a no-op). */
  const apply = useCallback((action: KitchenAction) => {
    dispatch(action);
    during.current?.push(action);
  }, []);

  return { state, loadError, reload, apply };
}

const HELD_KEY = 'table-order.kitchen.held';

/** Drops the stored held completion if it is still this order's. */
function forgetStored(orderId: number): void {
  try {
    const raw = localStorage.getItem(HELD_KEY);
    if (raw && (JSON.parse(raw) as { id?: unknown }).id === orderId) localStorage.removeItem(HELD_KEY);
  } catch {
    // nothing kept
  }
}

/**
 * Tapping a ticket's header moves it on: `pending` → `preparing` at once; `preparing` → `completed`
 * takes the ticket off the rail and holds the completion for `UNDO_MS`, while "되돌리기" can take it back
 * (statuses only move forward on the server, so the completion is sent when the minute runs out, when
 * another ticket is completed, or when the screen closes). A completion held when the page went away is
 * sent on the next start.
 */
export function useBump(apply: (action: KitchenAction) => void, reload: () => Promise<void>) {
  const update = useUpdateOrderStatus();
  const [held, setHeld] = useState<Order | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heldRef = useRef<Order | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mutate = update.mutateAsync;

  const send = useCallback(
    async (order: Pick<Order, 'id' | 'tableId'>, status: OrderStatus) => {
      try {
        const updated = await mutate({ order, status });
        apply({ type: 'upsert', order: updated });
        setError(null);
      } catch (err) {
        setError(err);
        void reload();
      }
    },
    [mutate, apply, reload],
  );

  // The timer and the unmount read the newest `send` without changing `flush` (which would send early).
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  }, [send]);

  /** Lets go of the held completion (its stored copy stays until `forgetStored`). */
  const letGo = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    heldRef.current = null;
    setHeld(null);
  }, []);

  /** Takes the held completion back ("되돌리기", or its order left anyway). */
  const undo = useCallback(() => {
    const order = heldRef.current;
    letGo();
    if (order) forgetStored(order.id);
  }, [letGo]);

  /**
   * Sends the held completion now. Its stored copy is dropped only once the answer is in, so a page
   * closed while the request is on its way sends it again on the next start.
   */
  const flush = useCallback(() => {
    const order = heldRef.current;
    if (!order) return;
    letGo();
    void sendRef.current(order, 'completed').finally(() => {
      forgetStored(order.id);
    });
  }, [letGo]);

  const advance = useCallback(
    (order: Order) => {
      if (order.status === 'pending') {
        apply({ type: 'status', orderId: order.id, status: 'preparing' });
        void send(order, 'preparing');
        return;
      }
      flush();
      heldRef.current = order;
      setHeld(order);
      try {
        localStorage.setItem(HELD_KEY, JSON.stringify({ id: order.id, tableId: order.tableId }));
      } catch {
        // sent when the minute runs out or the screen closes
      }
      timer.current = setTimeout(flush, UNDO_MS);
    },
    [apply, send, flush],
  );

  // A completion held by a page that went away: send it now.
  useEffect(() => {
    let stored: unknown = null;
    try {
      const raw = localStorage.getItem(HELD_KEY);
      stored = raw ? JSON.parse(raw) : null;
      localStorage.removeItem(HELD_KEY);
    } catch {
      return;
    }
    if (stored && typeof stored === 'object' && 'id' in stored && 'tableId' in stored) {
      const { id, tableId } = stored;
      if (typeof id === 'number' && typeof tableId === 'number')
        void sendRef.current({ id, tableId }, 'completed');
    }
  }, []);

  // Leaving the screen (or closing the page) sends what is held.
  useEffect(() => {
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [flush]);

  return { held, advance, undo, error };
}
