import { useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { formatMoney } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { Modal, useToast } from '../shared/ui';
import { useMergeTables, useMoveTable } from './api/table-ops';
import type { BoardTable } from './board-state';

/**
 * Move or merge from a table card (SPEC 12): a picker that offers only valid tables (a move goes to an
 * idle table; a merge takes a busy one into this table), then a confirmation naming both tables, the
 * orders and the amount that move.
 */
export function TableOpsDialog({
  mode,
  table,
  tables,
  onClose,
}: {
  mode: 'move' | 'merge';
  /** The card's table: a move's source, a merge's target. */
  table: BoardTable;
  tables: readonly BoardTable[];
  onClose: () => void;
}) {
  const { t, lang } = useI18n();
  const notify = useToast();
  const move = useMoveTable();
  const merge = useMergeTables();
  const [picked, setPicked] = useState<BoardTable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const busy = move.isPending || merge.isPending;

  const candidates = tables.filter(
    (x) => x.id !== table.id && (mode === 'move' ? x.sessionId === null : x.sessionId !== null),
  );
  // What moves: this table's party on a move, the picked table's on a merge.
  const from = mode === 'move' ? table : picked;
  const to = mode === 'move' ? picked : table;

  async function submit() {
    if (!from || !to) return;
    setError(null);
    try {
      if (mode === 'move') {
        await move.mutateAsync({ fromTableId: from.id, toTableId: to.id });
        notify(t('tableOps.moved', { from: from.number, to: to.number }));
      } else {
        await merge.mutateAsync({ intoTableId: to.id, fromTableId: from.id });
        notify(t('tableOps.merged', { from: from.number, to: to.number }));
      }
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'table_has_open_session')
        setError(t('tableOps.busy', { n: to.number }));
      else if (err instanceof ApiError && err.code === 'table_idle')
        setError(t('tableOps.idle', { n: from.number }));
      else setError(errorMessage(err, t));
      setPicked(null);
    }
  }

  const title = t(mode === 'move' ? 'tableOps.moveTitle' : 'tableOps.mergeTitle', { n: table.number });
  return (
    <Modal
      title={title}
      onClose={onClose}
      footer={
        <>
          <button
            type="button"
            className="btn btn--lg"
            onClick={
              picked
                ? () => {
                    setPicked(null);
                  }
                : onClose
            }
            disabled={busy}
          >
            {picked ? t('tableOps.back') : t('common.cancel')}
          </button>
          {picked && (
            <button
              type="button"
              className="btn btn--primary btn--lg"
              disabled={busy}
              onClick={() => void submit()}
            >
              {busy
                ? t('common.working')
                : t(mode === 'move' ? 'tableOps.submitMove' : 'tableOps.submitMerge')}
            </button>
          )}
        </>
      }
    >
      {error && (
        <p className="notice notice--error" role="alert">
          {error}
        </p>
      )}
      {picked && from && to ? (
        <p className="confirm__message">
          {t(mode === 'move' ? 'tableOps.confirmMove' : 'tableOps.confirmMerge', {
            from: from.number,
            to: to.number,
            count: from.orderCount,
            total: formatMoney(from.totalAmount, lang),
          })}
        </p>
      ) : (
        <>
          <p className="muted">
            {mode === 'move' ? t('tableOps.moveHint') : t('tableOps.mergeHint', { n: table.number })}
          </p>
          {candidates.length === 0 ? (
            <p className="empty">{t('tableOps.noTargets')}</p>
          ) : (
            <ul className="table-picker">
              {candidates.map((x) => (
                <li key={x.id}>
                  <button
                    type="button"
                    className="btn table-picker__table"
                    onClick={() => {
                      setPicked(x);
                    }}
                  >
                    <strong>{t('tableOps.pickTable', { n: x.number })}</strong>
                    {x.sessionId !== null && (
                      <span className="muted">
                        {t('tableOps.pickDetail', {
                          count: x.orderCount,
                          total: formatMoney(x.totalAmount, lang),
                        })}
                      </span>
                    )}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Modal>
  );
}
