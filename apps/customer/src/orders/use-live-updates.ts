import { startLiveStream, type LiveStreamStatus } from '@table-order/contracts/sse';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import { callsQueryKey } from '../calls';
import { menuQueryKey } from '../menu';
import { useSession } from '../shared/api/session-context';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { ordersQueryKey } from './get-orders';
import { applyTableEvent, type OrderCorrection } from './live-events';

/**
 * Keeps the table's live stream open while mounted: order status changes, deletions, checkout, menu
 * changes, staff calls and store settings land in the query cache as they happen. Returns the stream's status for the banner.
 */
export function useLiveUpdates(
  onCheckedOut: () => void,
  onCorrected: (c: OrderCorrection) => void = () => {},
): LiveStreamStatus {
  const session = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStreamStatus>('connecting');
  const handleCheckedOut = useEffectEvent(onCheckedOut);
  const handleCorrected = useEffectEvent(onCorrected);

  useEffect(() => {
    const stream = startLiveStream({
      // The session logs in again by itself when the token is refused; a 401 after that is retried.
      open: (headers, signal) => session.fetch('/table/events', { headers, signal }),
      onStatus: setStatus,
      onOpen: ({ resumed }) => {
        // Without a replay, anything between the last snapshot and this connection could be missing.
        // A read still in flight (the first load) is not cancelled and sent again: it answers for both.
        if (resumed) return;
        const keep = { cancelRefetch: false };
        void queryClient.invalidateQueries({ queryKey: ordersQueryKey }, keep);
        void queryClient.invalidateQueries({ queryKey: menuQueryKey }, keep);
        void queryClient.invalidateQueries({ queryKey: callsQueryKey }, keep);
        void queryClient.invalidateQueries({ queryKey: storeSettingsQueryKey }, keep);
      },
      onEvent: (event) => {
        if (applyTableEvent(queryClient, event, handleCorrected)) handleCheckedOut();
      },
    });
    return () => {
      stream.stop();
    };
  }, [session, queryClient]);
  return status;
}
