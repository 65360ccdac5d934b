import { useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useReducer,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import {
  startLiveStream,
  type EventOf,
  type LiveEvent as StreamEvent,
  type LiveStreamStatus,
} from '@table-order/contracts/sse';
import { reportUnauthorized } from '../shared/api';
import { getDashboard } from './api/get-dashboard';
import { listOpenCalls } from './api/list-calls';
import { openEventStream } from './api/open-event-stream';
import { boardKeys } from './api/query-keys';
import { boardReducer, initialBoard, type BoardEvent, type BoardState } from './board-state';
import { MessageDeduper } from './stream-events';

interface LiveBoard {
  board: BoardState;
  status: LiveStreamStatus;
  refreshing: boolean;
  loadError: unknown;
  /** Reloads the snapshot. */
  refresh: () => Promise<void>;
  /** Applies this screen's own successful change at once (the stream echo is then a no-op). */
  apply: (event: BoardEvent) => void;
  /** Counts live new orders (the alert sound listens to it). */
  newOrderCount: number;
  /** Counts live new staff calls (the call sound listens to it). */
  newCallCount: number;
  /**
   * Hands `listener` every streamed event once (whatever its type), and `resync` whenever a snapshot
   * must be read again (a fresh stream, or the server's resync): for screens that keep their own view of
   * the same stream (the kitchen display). Answers the unsubscribe.
   */
  subscribe: (listener: StreamListener) => () => void;
}

/** What `subscribe` hands on: every streamed event, or `resync`. */
export type StreamListener = (event: StreamEvent) => void;

/** Every change this screen learns of: board events (streamed or its own), menu and store changes. */
export type LiveEvent =
  BoardEvent | { type: 'menu.changed' } | EventOf<'store.changed'> | EventOf<'printer.state'>;

/** Other features' caches a live event makes stale (wired by the app, so the board imports none of them). */
export type StaleKeys = (event: LiveEvent) => QueryKey[];

const LiveBoardContext = createContext<LiveBoard | null>(null);

/** Snapshot re-reads when events keep arriving while it loads. */
const SNAPSHOT_ATTEMPTS = 3;

function invalidateFor(queryClient: QueryClient, event: LiveEvent, staleKeys: StaleKeys): void {
  if (
    event.type === 'order.created' ||
    event.type === 'order.updated' ||
    event.type === 'order.deleted' ||
    event.type === 'table.checked_out'
  ) {
    void queryClient.invalidateQueries({ queryKey: boardKeys.tableOrders(event.payload.tableId) });
  }
  if (event.type === 'order.updated' || event.type === 'order.deleted') {
    void queryClient.invalidateQueries({ queryKey: boardKeys.order(event.payload.orderId) });
  }
  if (event.type === 'table.moved' || event.type === 'table.merged') {
    for (const id of [event.payload.fromTableId, event.payload.toTableId])
      void queryClient.invalidateQueries({ queryKey: boardKeys.tableOrders(id) });
    // The moved orders' table changed: every open order detail reads itself again.
    void queryClient.invalidateQueries({ queryKey: [...boardKeys.all, 'order'] });
  }
  if (event.type === 'order.amended') {
    void queryClient.invalidateQueries({ queryKey: boardKeys.tableOrders(event.payload.order.tableId) });
    void queryClient.invalidateQueries({ queryKey: boardKeys.order(event.payload.order.id) });
  }
  for (const queryKey of staleKeys(event)) void queryClient.invalidateQueries({ queryKey });
}

/**
 * The live board for the whole signed-in app: loads the dashboard snapshot, then keeps it current from
 * the store's event stream (each event once, replayed after reconnects), so every page shares one
 * connection and the indicator in the header always tells the truth.
 */
export function LiveBoardProvider({ staleKeys, children }: { staleKeys: StaleKeys; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [board, dispatch] = useReducer(boardReducer, initialBoard);
  const [status, setStatus] = useState<LiveStreamStatus>('connecting');
  const [refreshing, setRefreshing] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [newOrderCount, setNewOrderCount] = useState(0);
  const [newCallCount, setNewCallCount] = useState(0);
  /** Events that arrived while a snapshot loads (null when none is loading). */
  const buffer = useRef<{ event: BoardEvent; at: number }[] | null>(null);
  const loadSeq = useRef(0);
  const listeners = useRef(new Set<StreamListener>());

  const subscribe = useCallback((listener: StreamListener) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  const refresh = useCallback(async () => {
    const seq = ++loadSeq.current;
    setRefreshing(true);
    const earlier: number[] = [];
    try {
      for (let attempt = 1; ; attempt++) {
        buffer.current = [];
        const [dashboard, { calls }] = await Promise.all([getDashboard(), listOpenCalls()]);
        if (seq !== loadSeq.current) return;
        const during = buffer.current;
        // Events delivered while the snapshot was read may or may not be in it: read it again.
        if (during.length > 0 && attempt < SNAPSHOT_ATTEMPTS) {
          for (const e of during) if (e.event.type === 'order.created') earlier.push(e.event.payload.id);
          continue;
        }
        buffer.current = null;
        dispatch({ type: 'snapshot', dashboard, calls });
        if (earlier.length > 0) dispatch({ type: 'arrived', orderIds: earlier, at: Date.now() });
        for (const e of during) dispatch({ type: 'event', event: e.event, at: e.at, live: true });
        break;
      }
      setLoadError(null);
    } catch (err) {
      if (seq !== loadSeq.current) return;
      const during = buffer.current ?? [];
      buffer.current = null;
      for (const e of during) dispatch({ type: 'event', event: e.event, at: e.at, live: true });
      setLoadError(err);
    } finally {
      if (seq === loadSeq.current) setRefreshing(false);
    }
  }, []);

  const apply = useCallback(
    (event: BoardEvent) => {
      dispatch({ type: 'event', event, at: Date.now(), live: false });
      invalidateFor(queryClient, event, staleKeys);
    },
    [queryClient, staleKeys],
  );

  useEffect(() => {
    // Bumped on cleanup so a snapshot read still in flight is ignored.
    const loads = loadSeq;
    const dedupe = new MessageDeduper();
    const subscribers = listeners.current;
    const notify = (event: StreamEvent) => {
      for (const listener of subscribers) listener(event);
    };
    const stream = startLiveStream({
      open: openEventStream,
      onStatus: setStatus,
      onUnauthorized: reportUnauthorized,
      onOpen: ({ resumed }) => {
        // A fresh stream starts at "now": read the snapshot after it opened so nothing falls between.
        if (!resumed) {
          void refresh();
          notify({ type: 'resync' });
        }
      },
      onEvent: (event, message) => {
        if (!dedupe.firstTime(message)) return;
        notify(event);
        switch (event.type) {
          case 'resync':
            void refresh();
            return;
          case 'menu.changed':
          case 'store.changed':
          case 'printer.state':
            invalidateFor(queryClient, event, staleKeys);
            return;
          case 'order.created':
          case 'order.updated':
          case 'order.deleted':
          case 'table.checked_out':
          case 'call.created':
          case 'call.acknowledged':
          case 'order.amended':
          case 'table.moved':
          case 'table.merged': {
            const at = Date.now();
            if (buffer.current) buffer.current.push({ event, at });
            else dispatch({ type: 'event', event, at, live: true });
            // A move or merge changes two tables at once: read the exact figures again.
            if (event.type === 'table.moved' || event.type === 'table.merged') void refresh();
            if (event.type === 'order.created') setNewOrderCount((n) => n + 1);
            if (event.type === 'call.created') setNewCallCount((n) => n + 1);
            invalidateFor(queryClient, event, staleKeys);
          }
        }
      },
    });
    // Show the board even if the stream cannot open yet.
    void refresh();
    return () => {
      stream.stop();
      loads.current++;
    };
  }, [queryClient, refresh, staleKeys]);

  const value = useMemo(
    () => ({ board, status, refreshing, loadError, refresh, apply, newOrderCount, newCallCount, subscribe }),
    [board, status, refreshing, loadError, refresh, apply, newOrderCount, newCallCount, subscribe],
  );
  return <LiveBoardContext value={value}>{children}</LiveBoardContext>;
}

/** The shared live board. */
export function useLiveBoard(): LiveBoard {
  const v = useContext(LiveBoardContext);
  if (!v) throw new Error('useLiveBoard outside LiveBoardProvider');
  return v;
}
