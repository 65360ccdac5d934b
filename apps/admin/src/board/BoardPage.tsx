import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { PrinterStatusStrip } from '../printers';
import { ApiError, errorMessage } from '../shared/api';
import { formatMoney } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, useToast } from '../shared/ui';
import { useAcknowledgeCall } from './api/acknowledge-call';
import { useCheckoutTable } from './api/checkout-table';
import { boardKeys } from './api/query-keys';
import type { Order } from '@table-order/contracts';
import { openCalls, pendingCount } from './board-state';
import { CallList } from './CallItem';
import { useLiveBoard } from './live-board';
import { OrderDrawer } from './OrderDrawer';
import { TableCard, type TableCardActions } from './TableCard';
import { parseTableFilter } from './table-filter';
import { TableOpsDialog } from './TableOpsDialog';
import { TableOrdersDialog } from './TableOrdersDialog';

type Panel =
  | { kind: 'order'; tableId: number; orderId: number }
  | { kind: 'table'; tableId: number }
  | { kind: 'checkout'; tableId: number }
  | { kind: 'move' | 'merge'; tableId: number }
  | null;

/** The live board: a card per table in number order, filter, refresh, order detail and checkout. */
export function BoardPage() {
  const { t, lang } = useI18n();
  const notify = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { board, refreshing, loadError, refresh } = useLiveBoard();
  const checkout = useCheckoutTable();
  const { mutateAsync: acknowledgeCall } = useAcknowledgeCall();
  const [filter, setFilter] = useState('');
  const [onlyActive, setOnlyActive] = useState(false);
  const [panel, setPanel] = useState<Panel>(null);
  const deferredFilter = useDeferredValue(filter);

  const visible = useMemo(() => {
    const match = parseTableFilter(deferredFilter);
    return board.tables.filter((tb) => match(tb.number) && (!onlyActive || tb.sessionId !== null));
  }, [board.tables, deferredFilter, onlyActive]);
  const active = board.tables.filter((tb) => tb.sessionId !== null).length;
  const pending = pendingCount(board.tables);
  const calls = useMemo(() => openCalls(board.tables), [board.tables]);

  const actions = useMemo<TableCardActions>(
    () => ({
      onOpenOrder: (tableId, orderId) => {
        setPanel({ kind: 'order', tableId, orderId });
      },
      onOpenTable: (tableId) => {
        setPanel({ kind: 'table', tableId });
      },
      onCheckout: (tableId) => {
        setPanel({ kind: 'checkout', tableId });
      },
      onTableOp: (tableId, kind) => {
        setPanel({ kind, tableId });
      },
      onHistory: (tableId) => {
        void navigate(`/history/${tableId}`);
      },
      onAcknowledgeCall: (call) =>
        acknowledgeCall(call).catch((err: unknown) => {
          notify(t('calls.failed', { message: errorMessage(err, t) }), 'error');
          throw err;
        }),
    }),
    [navigate, acknowledgeCall, notify, t],
  );

  const close = useCallback(() => {
    setPanel(null);
  }, []);

  const panelTable = panel ? board.tables.find((tb) => tb.id === panel.tableId) : undefined;
  let panelOrder: Order | undefined;
  if (panel?.kind === 'order') {
    panelOrder =
      panelTable?.orders.find((o) => o.id === panel.orderId) ??
      queryClient
        .getQueryData<{ orders: Order[] }>(boardKeys.tableOrders(panel.tableId))
        ?.orders.find((o) => o.id === panel.orderId);
  }

  async function handleCheckout(tableId: number) {
    const result = await checkout.mutateAsync(tableId);
    const n = board.tables.find((tb) => tb.id === tableId)?.number ?? '';
    notify(t('checkout.done', { n, total: formatMoney(result.total, lang) }));
  }

  return (
    <div className="board">
      <div className="toolbar">
        <h1 className="sr-only">{t('board.title')}</h1>
        <div className="toolbar__filter">
          <label htmlFor="board-filter">{t('board.filter')}</label>
          <input
            id="board-filter"
            type="search"
            inputMode="numeric"
            placeholder={t('board.filterPlaceholder')}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value);
            }}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyActive}
            onChange={(e) => {
              setOnlyActive(e.target.checked);
            }}
          />
          {t('board.onlyActive')}
        </label>
        <p className="toolbar__summary" aria-live="polite">
          {board.loaded && t('board.summary', { active, total: board.tables.length, pending })}
        </p>
        <button type="button" className="btn" disabled={refreshing} onClick={() => void refresh()}>
          <span aria-hidden="true">↻ </span>
          {t('board.refresh')}
        </button>
      </div>
      <PrinterStatusStrip />

      <CallList calls={calls} onAcknowledge={actions.onAcknowledgeCall} />

      {loadError !== null && (
        <div className="notice notice--error board__error" role="alert">
          <span>{t('board.loadError', { message: errorMessage(loadError, t) })}</span>
          <button type="button" className="btn" onClick={() => void refresh()}>
            {t('board.retry')}
          </button>
        </div>
      )}

      {!board.loaded && loadError === null && (
        <div className="grid" aria-busy="true" aria-label={t('board.loading')}>
          {Array.from({ length: 10 }, (_, i) => (
            <div key={i} className="card card--skeleton" aria-hidden="true" />
          ))}
        </div>
      )}

      {board.loaded && board.tables.length === 0 && <p className="empty">{t('board.empty')}</p>}
      {board.loaded && board.tables.length > 0 && visible.length === 0 && (
        <div className="empty">
          <p>{t('board.noMatch')}</p>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setFilter('');
              setOnlyActive(false);
            }}
          >
            {t('board.clearFilter')}
          </button>
        </div>
      )}

      {visible.length > 0 && (
        <div className="grid">
          {visible.map((tb) => (
            <TableCard key={tb.id} table={tb} actions={actions} />
          ))}
        </div>
      )}

      {panel?.kind === 'order' && (
        <OrderDrawer key={panel.orderId} orderId={panel.orderId} initial={panelOrder} onClose={close} />
      )}
      {panel?.kind === 'table' && panelTable && (
        <TableOrdersDialog
          tableId={panelTable.id}
          tableNumber={panelTable.number}
          onOpenOrder={(orderId) => {
            setPanel({ kind: 'order', tableId: panelTable.id, orderId });
          }}
          onClose={close}
        />
      )}
      {(panel?.kind === 'move' || panel?.kind === 'merge') && panelTable && (
        <TableOpsDialog mode={panel.kind} table={panelTable} tables={board.tables} onClose={close} />
      )}
      {panel?.kind === 'checkout' && panelTable && (
        <ConfirmDialog
          title={t('checkout.title')}
          message={t('checkout.confirm', {
            n: panelTable.number,
            total: formatMoney(panelTable.totalAmount, lang),
          })}
          detail={
            <>
              {panelTable.pendingCount + panelTable.preparingCount > 0 && (
                <strong className="confirm__warning">
                  {t('checkout.unfinished', {
                    pending: panelTable.pendingCount,
                    preparing: panelTable.preparingCount,
                  })}
                </strong>
              )}{' '}
              {t('checkout.detail', { count: panelTable.orderCount })}
            </>
          }
          confirmLabel={t('checkout.submit')}
          onConfirm={() => handleCheckout(panelTable.id)}
          describeError={(err) => {
            if (err instanceof ApiError && err.code === 'table_idle') {
              void refresh();
              return t('checkout.idle', { n: panelTable.number });
            }
            return null;
          }}
          onClose={close}
        />
      )}
    </div>
  );
}
