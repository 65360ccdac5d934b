import { KITCHEN_AMBER_DEFAULT, KITCHEN_RED_DEFAULT } from '@table-order/contracts/constants';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth';
import {
  ConnectionIndicator,
  SoundBlockedBanner,
  SoundToggle,
  pendingCount,
  useAlerts,
  useLiveBoard,
} from '../board';
import { useStoreSettings } from '../settings';
import { errorMessage } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { LanguageToggle } from '../shared/ui';
import { keepOrders, lineKey, loadStruck, saveStruck } from './struck-lines';
import { TicketCard } from './TicketCard';
import { useNow } from './timers';
import { useBump, useKitchenTickets } from './use-kitchen';

/**
 * The kitchen display (`#/kitchen`, full screen, for owners and staff): a rail of tickets for every
 * order not yet completed, oldest first, from the app's one live stream. The order sound follows the
 * board's rules (the same switch and hook).
 */
export function KitchenPage() {
  const { t } = useI18n();
  const { store } = useSession();
  const { board, status, newOrderCount } = useLiveBoard();
  const settings = useStoreSettings().data;
  const amber = settings?.kitchenAmberMinutes ?? KITCHEN_AMBER_DEFAULT;
  const red = settings?.kitchenRedMinutes ?? KITCHEN_RED_DEFAULT;
  const alerts = useAlerts({
    pendingOrders: pendingCount(board.tables),
    newOrderCount,
    openCalls: 0,
    newCallCount: 0,
  });
  const { state, loadError, reload, apply } = useKitchenTickets();
  const bump = useBump(apply, reload);
  const now = useNow();

  const [struck, setStruck] = useState(() => loadStruck(store.identifier));
  const toggleLine = useCallback(
    (orderId: number, line: number) => {
      setStruck((prev) => {
        const next = new Set(prev);
        const key = lineKey(orderId, line);
        if (!next.delete(key)) next.add(key);
        saveStruck(store.identifier, next);
        return next;
      });
    },
    [store.identifier],
  );
  // Once the tickets are known, marks of orders that left are dropped.
  const { loaded, tickets } = state;
  useEffect(() => {
    if (!loaded) return;
    setStruck((prev) => {
      const kept = keepOrders(
        prev,
        tickets.map((o) => o.id),
      );
      if (kept.size === prev.size) return prev;
      saveStruck(store.identifier, kept);
      return kept;
    });
  }, [loaded, tickets, store.identifier]);

  // A held completion whose order left anyway (deleted, completed elsewhere, checked out) has nothing to undo.
  const { held, undo } = bump;
  useEffect(() => {
    if (held && !tickets.some((o) => o.id === held.id)) undo();
  }, [held, tickets, undo]);

  const shown = held ? tickets.filter((o) => o.id !== held.id) : tickets;

  return (
    <div className="kitchen">
      <header className="kitchen__bar">
        <Link to="/" className="btn btn--ghost kitchen__back">
          ← {t('kitchen.back')}
        </Link>
        <h1 className="kitchen__title">{t('kitchen.title')}</h1>
        <span className="kitchen__store">{settings?.name ?? store.name}</span>
        <ConnectionIndicator status={status} />
        <span className="kitchen__count" aria-live="polite">
          {t('kitchen.count', { n: shown.length })}
        </span>
        <div className="kitchen__tools">
          <SoundToggle
            enabled={alerts.enabled}
            ringing={alerts.ringing}
            callsWaiting={0}
            onToggle={() => void alerts.toggle()}
          />
          <LanguageToggle />
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              if (document.fullscreenElement) void document.exitFullscreen();
              else void document.documentElement.requestFullscreen?.().catch(() => undefined);
            }}
          >
            {t('kitchen.fullscreen')}
          </button>
        </div>
      </header>
      {alerts.blocked && <SoundBlockedBanner onUnblock={() => void alerts.unblock()} />}
      {loadError != null && (
        <p className="notice notice--error kitchen__notice" role="alert">
          {t('kitchen.loadFailed')}{' '}
          <button type="button" className="btn btn--ghost" onClick={() => void reload()}>
            {t('kitchen.retry')}
          </button>
        </p>
      )}
      {bump.error != null && (
        <p className="notice notice--error kitchen__notice" role="alert">
          {t('kitchen.failed', { message: errorMessage(bump.error, t) })}
        </p>
      )}
      <main className="kitchen__rail">
        {!loaded && loadError == null && <p className="kitchen__empty">{t('kitchen.loading')}</p>}
        {loaded && shown.length === 0 && <p className="kitchen__empty">{t('kitchen.empty')}</p>}
        <ol className="kitchen__tickets" aria-label={t('kitchen.title')}>
          {shown.map((order) => (
            <li key={order.id}>
              <TicketCard
                order={order}
                now={now}
                amberMinutes={amber}
                redMinutes={red}
                struck={struck}
                onAdvance={bump.advance}
                onToggleLine={toggleLine}
              />
            </li>
          ))}
        </ol>
      </main>
      {held && (
        <div className="kitchen__undo" role="status">
          <span>
            {t('kitchen.completed', {
              table: held.tableNumber,
              number: held.orderNumber.split('-').at(-1) ?? held.orderNumber,
            })}
          </span>
          <button type="button" className="btn btn--primary btn--lg" onClick={undo}>
            {t('kitchen.undo')}
          </button>
        </div>
      )}
    </div>
  );
}
