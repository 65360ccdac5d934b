import type { Call } from '@table-order/contracts';
import { useEffect, useState } from 'react';
import { useI18n, type Translate } from '../shared/i18n';

/** How often "N분 전" is brought up to date. */
const AGE_TICK_MS = 15_000;

/** What a call asks for, in one line: its reasons, then its message. */
export function callSummary(call: Pick<Call, 'reasons' | 'message'>): string {
  return [...call.reasons, ...(call.message ? [`“${call.message}”`] : [])].join(' · ');
}

/** "방금" / "N분 전", kept current while shown. */
function CallAge({ createdAt, t }: { createdAt: string; t: Translate }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => {
      setNow(Date.now());
    }, AGE_TICK_MS);
    return () => {
      clearInterval(timer);
    };
  }, []);
  const minutes = Math.max(0, Math.floor((now - Date.parse(createdAt)) / 60_000));
  return (
    <time className="call__age" dateTime={createdAt}>
      {minutes === 0 ? t('calls.justNow') : t('calls.ago', { n: minutes })}
    </time>
  );
}

/**
 * One open staff call: what it asks for, how long it has waited, and a one-tap "확인". The button stays
 * disabled while the acknowledgement is on its way (the call leaves the board once it is saved).
 */
export function CallItem({
  call,
  showTable = false,
  onAcknowledge,
}: {
  call: Call;
  showTable?: boolean;
  onAcknowledge: (call: Call) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const what = callSummary(call);
  return (
    <li className="call">
      {showTable && <span className="call__table">{t('table.name', { n: call.tableNumber })}</span>}
      <span className="call__what">{what}</span>
      <CallAge createdAt={call.createdAt} t={t} />
      <button
        type="button"
        className="btn btn--primary call__ack"
        disabled={busy}
        aria-label={t('calls.acknowledgeLabel', { n: call.tableNumber, what })}
        onClick={() => {
          setBusy(true);
          onAcknowledge(call).catch(() => {
            setBusy(false);
          });
        }}
      >
        {t('calls.acknowledge')}
      </button>
    </li>
  );
}

/** Every open call of the store, the longest waiting first (hidden when there are none). */
export function CallList({
  calls,
  onAcknowledge,
}: {
  calls: Call[];
  onAcknowledge: (call: Call) => Promise<unknown>;
}) {
  const { t } = useI18n();
  if (calls.length === 0) return null;
  return (
    <section className="call-list" aria-label={t('calls.title')}>
      <h2 className="call-list__title">{t('calls.count', { n: calls.length })}</h2>
      <ul className="call-list__items">
        {calls.map((c) => (
          <CallItem key={c.id} call={c} showTable onAcknowledge={onAcknowledge} />
        ))}
      </ul>
    </section>
  );
}
