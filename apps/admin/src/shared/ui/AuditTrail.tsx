import type { AuditEntry } from '@table-order/contracts';
import { formatDateTime, formatTime, withSubjectParticle } from '../format';
import { useI18n } from '../i18n';

/**
 * An order's audit trail, oldest first: "테이블 3에서 주문 · 19:30", "kim이 완료 처리 · 19:42", … (times in
 * the store's zone). Renders nothing when the API sent none.
 */
export function AuditTrail({
  audit,
  tableNumber,
  timeZone,
}: {
  audit: AuditEntry[] | undefined;
  tableNumber: number;
  timeZone: string;
}) {
  const { t, lang } = useI18n();
  if (!audit || audit.length === 0) return null;
  const who = (username: string | null) =>
    username === null ? '' : lang === 'ko' ? withSubjectParticle(username) : username;
  return (
    <section className="audit" aria-label={t('audit.title')}>
      <h3 className="audit__title">{t('audit.title')}</h3>
      {/* Lines, not a list: history pages count their orders as list items. */}
      <div className="audit__list">
        {audit.map((e, i) => (
          <p key={`${e.action}-${e.at}-${i}`} className="audit__item">
            {t(`audit.${e.action}`, { table: tableNumber, who: who(e.username) })}
            {' · '}
            <time dateTime={e.at} title={formatDateTime(e.at, timeZone)}>
              {formatTime(e.at, timeZone)}
            </time>
          </p>
        ))}
      </div>
    </section>
  );
}
