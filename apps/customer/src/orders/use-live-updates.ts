import { startLiveStream, type LiveStreamStatus } from '@table-order/contracts/sse';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import { callsQueryKey } from '../calls';
import { menuQueryKey } from '../menu';
import { useSession } from '../shared/api/session-context';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { ordersQueryKey } from './get-orders';
import { applyTableEvent } from './live-events';
import { tableOpNotice, type TableOpNotice } from './table-ops-notice';

/**
 * Keeps the table's live stream open while mounted: order status changes, deletions, checkout, menu
 * changes, staff calls and store settings land in the query cache as they happen. Returns the stream's status for the banner.
 */
export function useLiveUpdates(
  onCheckedOut: () => void,
  onTableOp: (notice: TableOpNotice) => void = () => undefined,
): LiveStreamStatus {
  const session = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStreamStatus>('connecting');
  const handleCheckedOut = useEffectEvent(onCheckedOut);
  const handleTableOp = useEffectEvent(onTableOp);

  useEffect(() => {
    const stream = startLiveStream({
      // The session logs in again by itself when the token is refused; a 401 after that is retried.
      open: (headers, signal) => session.fetch('/table/events', { headers, signal }),
      onStatus: setStatus,
      onOpen: ({ resumed }) => {
        // Without a replay, anything between the last snapshot and this connection could be missing.
        if (resumed) return;
        void queryClient.invalidateQueries({ queryKey: ordersQueryKey });
        void queryClient.invalidateQueries({ queryKey: menuQueryKey });
        void queryClient.invalidateQueries({ queryKey: callsQueryKey });
        void queryClient.invalidateQueries({ queryKey: storeSettingsQueryKey });
      },
      onEvent: (event) => {
        const tableId = session.current?.table.id;
        if (applyTableEvent(queryClient, event, tableId)) handleCheckedOut();
        const notice = tableOpNotice(event, tableId);
        if (notice) handleTableOp(notice);
      },
    });
    return () => {
      stream.stop();
    };
  }, [session, queryClient]);
  return status;
}
