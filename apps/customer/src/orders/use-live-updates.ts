import { startLiveStream, type LiveStreamStatus } from '@table-order/contracts/sse';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import { callsQueryKey } from '../calls';
import { menuQueryKey } from '../menu';
import { useSession } from '../shared/api/session-context';
import { storeSettingsQueryKey } from '../shared/store-settings';
import { ordersQueryKey } from './get-orders';
import { applyTableEvent, type OrderCorrection } from './live-events';
import { tableOpNotice, type TableOpNotice } from './table-ops-notice';

/**
 * Keeps the table's live stream open while mounted: order status changes, deletions, checkout, menu
 * changes, staff calls and store settings land in the query cache as they happen. Returns the stream's status for the banner.
 */
export function useLiveUpdates(
  onCheckedOut: () => void,
  onTableOp: (notice: TableOpNotice) => void = () => undefined,
  onCorrected: (c: OrderCorrection) => void = () => {},
): LiveStreamStatus {
  const session = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStreamStatus>('connecting');
  const handleCheckedOut = useEffectEvent(onCheckedOut);
  const handleTableOp = useEffectEvent(onTableOp);
  const handleCorrected = useEffectEvent(onCorrected);

  useEffect(() => {
    // Reads made while the first connection was being opened are as fresh as that connection.
    const connectingSince = Date.now();
    let first = true;
    const stream = startLiveStream({
      // The session logs in again by itself when the token is refused; a 401 after that is retried.
      open: (headers, signal) => session.fetch('/table/events', { headers, signal }),
      onStatus: setStatus,
      onOpen: ({ resumed }) => {
        // Without a replay, anything between the last snapshot and this connection could be missing.
        // A read still in flight (the first load) is not cancelled and sent again: it answers for both.
        // On the first connection, a read made since it started connecting is not repeated either.
        const since = first ? connectingSince : Number.POSITIVE_INFINITY;
        first = false;
        if (resumed) return;
        const keep = { cancelRefetch: false };
        for (const queryKey of [ordersQueryKey, menuQueryKey, callsQueryKey, storeSettingsQueryKey])
          void queryClient.invalidateQueries(
            { queryKey, predicate: (q) => q.state.dataUpdatedAt < since },
            keep,
          );
      },
      onEvent: (event) => {
        const tableId = session.current?.table.id;
        if (applyTableEvent(queryClient, event, tableId, handleCorrected)) handleCheckedOut();
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
