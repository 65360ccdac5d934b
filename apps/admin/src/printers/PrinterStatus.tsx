import type { Printer } from '@table-order/contracts';
import { useSession } from '../auth';
import { formatTime } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { usePrinters } from './api/list-printers';

/** One printer's state in words: "정상" or "오류 · 19:42부터", with the tickets waiting. */
export function PrinterStateText({ printer }: { printer: Printer }) {
  const { t } = useI18n();
  const { store } = useSession();
  const { state } = printer;
  const failing = state.status === 'failing';
  return (
    <span className={failing ? 'printer-state printer-state--failing' : 'printer-state'}>
      <span className="printer-state__dot" aria-hidden="true" />
      {failing && state.since
        ? t('printers.failingSince', { time: formatTime(state.since, store.timeZone) })
        : t('printers.ok')}
      {state.queued > 0 && <span className="muted"> · {t('printers.queued', { n: state.queued })}</span>}
    </span>
  );
}

/** The board's printer strip: every enabled printer and its state; nothing when the store has none. */
export function PrinterStatusStrip() {
  const { t } = useI18n();
  const printers = (usePrinters().data?.items ?? []).filter((p) => p.enabled);
  if (printers.length === 0) return null;
  return (
    <ul className="printer-strip" aria-label={t('printers.stripLabel')}>
      {printers.map((p) => (
        <li key={p.id} className="printer-strip__item">
          <span className="printer-strip__name">{p.name}</span> <PrinterStateText printer={p} />
        </li>
      ))}
    </ul>
  );
}
