import type { Order } from '@table-order/contracts';
import { useCallback, useEffect, useState } from 'react';
import { CallSheet, CallStatusNotice, StaffCallButton } from '../calls';
import {
  CartBar,
  CartContent,
  lineAvailability,
  useCart,
  type AddableItem,
  type Availability,
  type CartLine,
} from '../cart';
import { MenuScreen, useMenuIndex } from '../menu';
import { MyOrdersDialog, OrderSuccess, ReviewDialog, useLiveUpdates, useOrders, useOutbox } from '../orders';
import { SettingsDialog, useHiddenGesture } from '../setup';
import { useSession, useSessionInfo } from '../shared/api/session-context';
import { useIdleTimeout, useMediaQuery, useWakeLock } from '../shared/hooks';
import { orderSequence } from '../shared/format';
import { storeDefaultLang, useI18n } from '../shared/i18n/i18n';
import { FALLBACK_SETTINGS, useStoreSettings } from '../shared/store-settings';
import { ConnectionBanner } from '../shared/ui/ConnectionBanner';
import { Dialog } from '../shared/ui/Dialog';
import { ReceiptIcon } from '../shared/ui/icons';
import { LanguageToggle } from '../shared/ui/LanguageToggle';
import { useToast } from '../shared/ui/Toast';

/** Portrait tablets (and narrow windows) get top tabs and a bottom cart bar instead of rail and panel. */
const COMPACT_QUERY = '(orientation: portrait), (max-width: 899px)';

type Overlay = 'cart' | 'review' | 'orders' | 'call' | 'settings' | null;

/** The guest's app once the tablet is set up: menu, cart, ordering, my orders, live updates. */
export function TabletApp({ onReset }: { onReset: () => void }) {
  const { t, lang, setLang } = useI18n();
  const session = useSession();
  const info = useSessionInfo();
  const cart = useCart();
  const toast = useToast();
  const compact = useMediaQuery(COMPACT_QUERY);
  const index = useMenuIndex();
  const orders = useOrders();
  const settings = useStoreSettings().data;
  const [overlay, setOverlay] = useState<Overlay>(null);
  const [placed, setPlaced] = useState<Order | null>(null);
  const outbox = useOutbox();
  useWakeLock();
  // Left alone, the tablet goes back to the menu (staff in the device settings are left alone).
  useIdleTimeout(settings?.idleTimeoutSeconds ?? 0, () => {
    setOverlay((o) => (o === 'settings' ? o : null));
  });

  const stream = useLiveUpdates(
    () => {
      cart.clear();
      // Orders still waiting were the leaving party's: they are not sent to the next one unasked.
      outbox?.checkedOut();
      setOverlay((o) => (o === 'settings' ? o : null));
      toast.notify(t.checkedOut);
      // The next guests start in the store's language, whatever these ones chose.
      setLang(storeDefaultLang(settings?.menuLanguages ?? FALLBACK_SETTINGS.menuLanguages));
    },
    // A move or merge (SPEC 12): the source tablet says where its orders went, the target that some joined.
    (notice) => {
      // The party moved to another table: what still waits here is not sent to the empty table unasked.
      if (notice.kind === 'moved-away') outbox?.checkedOut();
      toast.notify(notice.kind === 'moved-away' ? t.ordersMovedAway(notice.to) : t.ordersJoined(notice.from));
    },
    (c) => {
      toast.notify(t.orderCorrected(orderSequence(c.orderNumber), t.money(c.tableTotal)));
    },
  );

  // The live stream is back: the server answers again, so whatever waits in the outbox goes now.
  const kickOutbox = outbox?.kick;
  useEffect(() => {
    if (stream === 'live') kickOutbox?.();
  }, [stream, kickOutbox]);

  // Names and prices (options' too) follow the menu; lines whose dish or option went away stay, flagged.
  const { syncWithMenu } = cart;
  useEffect(() => {
    if (!index.loaded) return;
    syncWithMenu(new Map<number, AddableItem>([...index.items].map(([id, e]) => [id, e.item])));
  }, [index, syncWithMenu]);

  const availability = useCallback(
    (line: CartLine): Availability =>
      index.loaded ? lineAvailability(line, index.items.get(line.menuItemId)?.item) : 'available',
    [index],
  );

  // Order lines keep the Korean names the order snapshotted; in another language a dish still on the
  // menu shows its name from the (translated) menu.
  const nameOf = lang === 'ko' ? undefined : (menuItemId: number) => index.items.get(menuItemId)?.item.name;

  const gesture = useHiddenGesture(() => {
    setOverlay('settings');
  });
  const storeName = settings?.name ?? info?.store.name ?? session.device.storeIdentifier;
  const orderCount = (orders.data?.orders.length ?? 0) + (outbox?.entries.length ?? 0);
  const close = () => {
    setOverlay(null);
  };
  const openReview = () => {
    setOverlay('review');
  };

  return (
    <div className={`tablet ${compact ? 'tablet--compact' : 'tablet--wide'}`}>
      <ConnectionBanner stream={stream} />
      <CallStatusNotice hidden={overlay === 'call'} />
      <div className="brand">
        <button type="button" className="brand__store" {...gesture}>
          {storeName}
        </button>
        <span className="brand__table">{t.tableLabel(session.device.tableNumber)}</span>
      </div>
      <MenuScreen orientation={compact ? 'horizontal' : 'vertical'} />
      <div className="actions">
        <StaffCallButton
          onClick={() => {
            setOverlay('call');
          }}
        />
        <button
          type="button"
          className="button button--secondary actions__orders"
          aria-label={orderCount > 0 ? t.myOrdersWithCount(orderCount) : t.myOrders}
          onClick={() => {
            setOverlay('orders');
          }}
        >
          <ReceiptIcon />
          <span>{t.myOrders}</span>
          {orderCount > 0 && (
            <span className="count-badge" aria-hidden="true">
              {orderCount}
            </span>
          )}
        </button>
        <LanguageToggle />
      </div>
      {compact ? (
        <CartBar
          availability={availability}
          onOpenCart={() => {
            setOverlay('cart');
          }}
          onOrder={openReview}
        />
      ) : (
        <aside className="cart-panel" aria-label={t.cart}>
          <CartContent availability={availability} onOrder={openReview} />
        </aside>
      )}

      {overlay === 'cart' && (
        <Dialog
          title={`${t.cart} (${cart.count})`}
          onClose={close}
          variant="sheet"
          className="cart-sheet"
          hideTitle
        >
          <CartContent availability={availability} onOrder={openReview} />
        </Dialog>
      )}
      {overlay === 'review' && (
        <ReviewDialog
          availability={availability}
          onClose={close}
          onQueued={() => {
            toast.notify(t.outboxQueued);
            setOverlay('orders');
          }}
          onPlaced={(order) => {
            setOverlay(null);
            setPlaced(order);
          }}
        />
      )}
      {overlay === 'orders' && <MyOrdersDialog onClose={close} nameOf={nameOf} />}
      {overlay === 'call' && <CallSheet onClose={close} />}
      {overlay === 'settings' && (
        <SettingsDialog
          device={session.device}
          storeName={storeName}
          onClose={close}
          onReset={onReset}
          verify={(password) => session.verifyPassword(password)}
        />
      )}
      {placed && (
        <OrderSuccess
          key={placed.id}
          order={placed}
          nameOf={nameOf}
          onDone={() => {
            setPlaced(null);
          }}
        />
      )}
    </div>
  );
}
