import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useIsOwner } from '../auth';
import { useI18n } from '../shared/i18n';

/** A page only owners may use: staff who open its address see why not, and the way back. */
export function OwnerOnly({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  if (useIsOwner()) return children;
  return (
    <div className="page">
      <h1 className="page__title">{t('ownerOnly.title')}</h1>
      <p className="notice notice--warn" role="alert">
        {t('ownerOnly.text')}
      </p>
      <Link to="/" className="btn btn--lg">
        {t('ownerOnly.back')}
      </Link>
    </div>
  );
}
