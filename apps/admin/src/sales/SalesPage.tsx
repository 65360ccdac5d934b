import type { SalesReport } from '@table-order/contracts';
import { SALES_REPORT_MAX_DAYS } from '@table-order/contracts/constants';
import { useMemo, useState, type SubmitEvent } from 'react';
import { useSession } from '../auth';
import { errorMessage } from '../shared/api';
import { formatMoney, todayIn } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { useToast } from '../shared/ui';
import { BarChart } from './BarChart';
import { useSalesText, type SalesText } from './i18n';
import { downloadSalesCsv, useSalesReport } from './api/sales';
import { PRESETS, presetOf, presetRange, rangeProblem, type DayRange } from './presets';

/**
 * Sales (owners only, SPEC 13): preset chips and a custom range on top, the four totals, revenue by day
 * and by hour as bar charts, the item and table rankings, and the range's CSV. Loaded lazily (with its
 * chart library) the first time an owner opens it.
 */
export default function SalesPage() {
  const { t, lang } = useI18n();
  const s = useSalesText();
  const notify = useToast();
  const { store } = useSession();
  const today = todayIn(store.timeZone);
  const [range, setRange] = useState<DayRange>(() => presetRange('today', today));
  const [draft, setDraft] = useState<DayRange>(range);
  const [problem, setProblem] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const report = useSalesReport(range);
  const active = presetOf(range, today);
  const money = (v: number) => formatMoney(v, lang);

  const choose = (r: DayRange) => {
    setRange(r);
    setDraft(r);
    setProblem(null);
  };
  const submit = (e: SubmitEvent<HTMLFormElement>) => {
    e.preventDefault();
    const why = rangeProblem(draft);
    if (why === null) {
      choose(draft);
      return;
    }
    setProblem(
      why === 'missing'
        ? s('sales.rangeMissing')
        : why === 'reversed'
          ? s('sales.rangeReversed')
          : s('sales.rangeTooLong', { n: SALES_REPORT_MAX_DAYS }),
    );
  };
  const download = async () => {
    setDownloading(true);
    try {
      await downloadSalesCsv(range);
    } catch (err) {
      notify(s('sales.csvFailed', { message: errorMessage(err, t) }), 'error');
    } finally {
      setDownloading(false);
    }
  };

  const data = report.data;
  return (
    <section className="page sales" aria-labelledby="sales-title">
      <div className="page__head">
        <h1 id="sales-title" className="page__title">
          {s('sales.title')}
          <span className="sales__range muted">{s('sales.range', { from: range.from, to: range.to })}</span>
        </h1>
        <button
          type="button"
          className="btn btn--primary btn--lg"
          disabled={downloading}
          onClick={() => void download()}
        >
          {downloading ? s('sales.csvDownloading') : s('sales.csv')}
        </button>
      </div>

      <div className="panel sales__controls">
        <div className="sales__presets" role="group" aria-label={s('sales.presets')}>
          {PRESETS.map((p) => (
            <button
              key={p}
              type="button"
              className={
                active === p ? 'btn btn--lg sales__preset sales__preset--on' : 'btn btn--lg sales__preset'
              }
              aria-pressed={active === p}
              onClick={() => {
                choose(presetRange(p, today));
              }}
            >
              {s(`sales.preset.${p}`)}
            </button>
          ))}
        </div>
        <form className="form-row sales__custom" onSubmit={submit} noValidate>
          <div className={problem ? 'field field--invalid' : 'field'}>
            <label htmlFor="sales-from">{s('sales.from')}</label>
            <input
              id="sales-from"
              type="date"
              value={draft.from}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? 'sales-range-error' : undefined}
              onChange={(e) => {
                setDraft((d) => ({ ...d, from: e.target.value }));
              }}
            />
          </div>
          <div className="field">
            <label htmlFor="sales-to">{s('sales.to')}</label>
            <input
              id="sales-to"
              type="date"
              value={draft.to}
              onChange={(e) => {
                setDraft((d) => ({ ...d, to: e.target.value }));
              }}
            />
          </div>
          <button type="submit" className="btn btn--lg form-row__submit">
            {s('sales.apply')}
          </button>
          {problem && (
            <p className="field__error form-row__wide" id="sales-range-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      </div>

      {report.isPending && (
        <div className="skeleton skeleton--panel" role="status" aria-label={s('sales.loading')} />
      )}
      {report.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(report.error, t)}
        </p>
      )}
      {data && <SalesBody report={data} s={s} money={money} />}
    </section>
  );
}

function SalesBody({
  report,
  s,
  money,
}: {
  report: SalesReport;
  s: SalesText;
  money: (v: number) => string;
}) {
  const { totals } = report;
  const dayLabels = useMemo(() => report.byDay.map((d) => d.date.slice(5)), [report.byDay]);
  const dayValues = useMemo(() => report.byDay.map((d) => d.revenue), [report.byDay]);
  const hourLabels = useMemo(() => report.byHour.map((h) => String(h.hour)), [report.byHour]);
  const hourValues = useMemo(() => report.byHour.map((h) => h.revenue), [report.byHour]);
  const bestDay = report.byDay.reduce<(typeof report.byDay)[number] | undefined>(
    (b, d) => (b === undefined || d.revenue > b.revenue ? d : b),
    undefined,
  );
  const bestHour = report.byHour.reduce<(typeof report.byHour)[number] | undefined>(
    (b, h) => (b === undefined || h.revenue > b.revenue ? h : b),
    undefined,
  );
  const empty = totals.orders === 0;
  const tick = (v: number) =>
    v >= 10_000 ? `${(v / 10_000).toLocaleString('en-US')}만` : v.toLocaleString('en-US');

  return (
    <>
      <dl className="sales__totals">
        <div className="sales__total">
          <dt>{s('sales.revenue')}</dt>
          <dd>{money(totals.revenue)}</dd>
        </div>
        <div className="sales__total">
          <dt>{s('sales.orders')}</dt>
          <dd>{s('sales.ordersValue', { n: totals.orders.toLocaleString('en-US') })}</dd>
        </div>
        <div className="sales__total">
          <dt>{s('sales.average')}</dt>
          <dd>
            {money(totals.averagePerSession)}
            <span className="sales__sub">
              {s('sales.sessions', { n: totals.sessions.toLocaleString('en-US') })}
            </span>
          </dd>
        </div>
        <div className="sales__total">
          <dt>{s('sales.cancelled')}</dt>
          <dd>{money(totals.cancelledAmount)}</dd>
        </div>
      </dl>
      {empty && <p className="empty">{s('sales.empty')}</p>}

      <div className="sales__charts">
        <section className="panel" aria-labelledby="sales-by-day">
          <h2 id="sales-by-day" className="panel__title">
            {s('sales.byDay')}
          </h2>
          <BarChart
            labels={dayLabels}
            values={dayValues}
            format={money}
            formatTick={tick}
            label={
              empty || !bestDay
                ? s('sales.chartEmpty')
                : s('sales.chartDay', {
                    n: report.byDay.length,
                    date: bestDay.date,
                    amount: money(bestDay.revenue),
                  })
            }
          />
        </section>
        <section className="panel" aria-labelledby="sales-by-hour">
          <h2 id="sales-by-hour" className="panel__title">
            {s('sales.byHour')}
          </h2>
          <BarChart
            labels={hourLabels}
            values={hourValues}
            format={money}
            formatTick={tick}
            label={
              empty || !bestHour
                ? s('sales.chartEmpty')
                : s('sales.chartHour', { hour: bestHour.hour, amount: money(bestHour.revenue) })
            }
          />
        </section>
      </div>

      <div className="sales__rankings">
        <RankingTable
          id="sales-by-item"
          title={s('sales.byItem')}
          empty={s('sales.noItems')}
          columns={[s('sales.item'), s('sales.quantity'), s('sales.revenue')]}
          rank={s('sales.rank')}
          rows={report.byItem.map((i) => ({
            key: i.menuItemId,
            name: i.name,
            count: i.quantity,
            revenue: money(i.revenue),
          }))}
        />
        <RankingTable
          id="sales-by-table"
          title={s('sales.byTable')}
          empty={s('sales.noTables')}
          columns={[s('sales.table'), s('sales.tableSessions'), s('sales.revenue')]}
          rank={s('sales.rank')}
          rows={report.byTable.map((r) => ({
            key: r.tableNumber,
            name: s('sales.tableNo', { n: r.tableNumber }),
            count: r.sessions,
            revenue: money(r.revenue),
          }))}
        />
      </div>
    </>
  );
}

/** One ranking (items or tables): rank, name, a count and the revenue, best first as the API orders it. */
function RankingTable({
  id,
  title,
  empty,
  rank,
  columns: [nameCol, countCol, revenueCol],
  rows,
}: {
  id: string;
  title: string;
  empty: string;
  rank: string;
  columns: [string, string, string];
  rows: { key: number; name: string; count: number; revenue: string }[];
}) {
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id} className="panel__title">
        {title}
      </h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="data-table sales__table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{rank}</th>
              <th scope="col">{nameCol}</th>
              <th scope="col" className="num">
                {countCol}
              </th>
              <th scope="col" className="num">
                {revenueCol}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, n) => (
              <tr key={r.key}>
                <td>{n + 1}</td>
                <th scope="row">{r.name}</th>
                <td className="num">{r.count.toLocaleString('en-US')}</td>
                <td className="num">{r.revenue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
