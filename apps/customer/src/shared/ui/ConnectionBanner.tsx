import type { LiveStreamStatus } from '@table-order/contracts/sse';
import { useEffect, useRef, useState } from 'react';
import { useOnline } from '../hooks';
import { useI18n } from '../i18n/i18n';

/**
 * How long a reconnect after a working stream may take before the guest is told (a token renewal or a
 * server restart reconnects in well under); a failed attempt shows the banner at once.
 */
const GRACE_MS = 3000;

/** The calm banner across the top while offline or while the live stream is down; it leaves by itself. */
export function ConnectionBanner({ stream }: { stream: LiveStreamStatus }) {
  const { t } = useI18n();
  const online = useOnline();
  const [slow, setSlow] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (stream !== 'connecting') return;
    const timer = setTimeout(() => {
      setSlow(true);
    }, GRACE_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [stream]);

  const visible =
    !online || stream === 'reconnecting' || stream === 'offline' || (stream === 'connecting' && slow);

  useEffect(() => {
    // While it shows, the page makes room for it: it never covers the store name or the cart header.
    const root = document.documentElement;
    if (visible) root.dataset.connectionBanner = 'on';
    else delete root.dataset.connectionBanner;
    return () => {
      delete root.dataset.connectionBanner;
    };
  }, [visible]);

  useEffect(() => {
    // In the top layer the banner stays visible above open dialogs.
    const el = ref.current;
    if (!el || typeof el.showPopover !== 'function') return;
    try {
      if (visible) {
        if (el.matches(':popover-open')) el.hidePopover();
        el.showPopover();
      } else if (el.matches(':popover-open')) {
        el.hidePopover();
      }
    } catch {
      // no popover support: the banner is a fixed element instead
    }
  }, [visible]);

  return (
    <div ref={ref} popover="manual" className="banner" role="status" data-visible={visible || undefined}>
      {visible && (
        <>
          <span className="banner__dot" aria-hidden="true" />
          {online ? t.streamDown : t.offline}
        </>
      )}
    </div>
  );
}
