import type { Translate } from '../i18n';
import { ApiError } from './client';

/** A sentence for staff: what happened and what to do. */
export function errorMessage(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return t('error.network');
    if (err.status === 403 && err.code === 'forbidden') return t('error.forbidden');
    if (err.status === 404) return t('error.notFound');
    if (err.status === 422 && err.details.length > 0) return t('error.validation');
    if (err.status === 503) return t('error.unavailable');
    if (err.status >= 500) return t('error.server');
    return t('error.generic', { message: err.message });
  }
  return t('error.generic', { message: err instanceof Error ? err.message : String(err) });
}
