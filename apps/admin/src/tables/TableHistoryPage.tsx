import { useState, type SubmitEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../auth';
import { useLiveBoard } from '../board';
import { errorMessage } from '../shared/api';
import { addDays, formatDateTime, formatMoney, lineLabel, shortOrderNumber, todayIn } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { AuditTrail } from '../shared/ui';
import { useTableHistory } from './api/get-table-history';
import { useTables } from './api/list-tables';

/** Past (checked-out) orders of one table, newest first, by date range, paged; Close goes back. */
export function TableHistoryPage() {
  const { t, lang } = useI18n();
  const { store } = useSession();
  const navigate = useNavigate();
  const params = useParams();
  const tableId = Number(params.tableId);
  const { board } = useLiveBoard();
  const tables = useTables();
  const tableNumber =
    board.tables.find((tb) => tb.id === tableId)?.number ??
    tables.data?.items.find((tb) => tb.id === tableId)?.number;

  const today = todayIn(store.timeZone);
  const [draft, setDraft] = useState({ from: addDays(today, -6), to: today });
  const [range, setRange] = useState(draft);
  const [rangeError, setRangeError] = useState<string | null>(null);
  const history = useTableHistory(tableId, range.from, range.to);
  const orders = history.data?.pages.flatMap((p) => p.orders) ?? [];
  const title =
    tableNumber === undefined ? t('history.unknownTable') : t('history.title', { n: tableNumber });

  function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!draft.from || !draft.to || draft.from > draft.to) {
      setRangeError(t('history.rangeError'));
      return;
    }
    setRangeError(null);
    setRange(draft);
  }

  const close = () => {
    void navigate('/');
  };

  return (
    <section className="page history" aria-labelledby="history-title">
      <div className="page__head">
        <h1 id="history-title" className="page__title">
          {title}
        </h1>
        <button type="button" className="btn btn--lg" onClick={close}>
          {t('history.close')}
        </button>
      </div>
      <form className="panel form-row" onSubmit={handleSubmit} noValidate>
        <div className={rangeError ? 'field field--invalid' : 'field'}>
          <label htmlFor="history-from">{t('history.from')}</label>
          <input
            id="history-from"
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            aria-invalid={rangeError ? true : undefined}
            aria-describedby={rangeError ? 'history-range-error' : undefined}
            onChange={(e) => {
              setDraft((d) => ({ ...d, from: e.target.value }));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="history-to">{t('history.to')}</label>
          <input
            id="history-to"
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(e) => {
              setDraft((d) => ({ ...d, to: e.target.value }));
            }}
          />
        </div>
        <button type="submit" className="btn btn--primary btn--lg form-row__submit">
          {t('history.apply')}
        </button>
        {rangeError && (
          <p className="field__error form-row__wide" id="history-range-error">
            {rangeError}
          </p>
        )}
      </form>

      {history.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {history.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(history.error, t)}
        </p>
      )}
      {history.isSuccess && orders.length === 0 && <p className="empty">{t('history.empty')}</p>}
      {orders.length > 0 && (
        <>
          <p className="muted">{t('history.count', { n: orders.length })}</p>
          <ol className="history__list">
            {orders.map((o) => (
              <li key={o.id} className="history__item">
                <article aria-label={t('order.title', { no: shortOrderNumber(o.orderNumber) })}>
                  <header className="history__head">
                    <strong className="history__no">#{shortOrderNumber(o.orderNumber)}</strong>
                    <span className="muted">{o.orderNumber}</span>
                    <span className={`chip chip--${o.status}`}>{t(`status.${o.status}`)}</span>
                    <span className="history__amount">{formatMoney(o.totalAmount, lang)}</span>
                  </header>
                  <p className="history__times">
                    {o.completedAt && (
                      <span className="history__completed">
                        {t('history.completedAt', { time: formatDateTime(o.completedAt, store.timeZone) })}
                      </span>
                    )}
                    <span className="muted">
                      {t('history.orderedAt', { time: formatDateTime(o.createdAt, store.timeZone) })}
                    </span>
                  </p>
                  <p className="history__lines">{o.items.map(lineLabel).join(', ')}</p>
                  {o.note && (
                    <p className="history__note">
                      {t('order.note')}: {o.note}
                    </p>
                  )}
                  <AuditTrail audit={o.audit} tableNumber={o.tableNumber} timeZone={store.timeZone} />
                </article>
              </li>
            ))}
          </ol>
        </>
      )}
      {history.hasNextPage && (
        <button
          type="button"
          className="btn btn--lg btn--block"
          disabled={history.isFetchingNextPage}
          onClick={() => void history.fetchNextPage()}
        >
          {history.isFetchingNextPage ? t('history.loadingMore') : t('history.more')}
        </button>
      )}
    </section>
  );
}
