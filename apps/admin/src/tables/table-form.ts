import { TABLE_NUMBER_MAX, TABLE_PASSWORD_MAX, TABLE_PASSWORD_MIN } from '@table-order/contracts/constants';
import type { Translate } from '../shared/i18n';
import { ApiError } from '../shared/api';

export type TableFieldErrors = Partial<Record<'number' | 'password' | 'form', string>>;

/** Checks a table number typed by staff; returns the number or an error message. */
export function parseTableNumber(text: string, t: Translate): number | string {
  const n = Number(text.trim());
  return /^\d{1,3}$/.test(text.trim()) && n >= 1 && n <= TABLE_NUMBER_MAX ? n : t('tables.numberRange');
}

/** True when a table password has an acceptable length. */
export function validTablePassword(p: string): boolean {
  return p.length >= TABLE_PASSWORD_MIN && p.length <= TABLE_PASSWORD_MAX;
}

/** Maps an API failure to messages next to the fields (or one for the whole form). */
export function tableFieldErrors(
  err: unknown,
  t: Translate,
  fallback: (e: unknown) => string,
): TableFieldErrors {
  if (err instanceof ApiError) {
    if (err.code === 'table_number_taken' || (err.status === 409 && /number/i.test(err.message))) {
      return { number: t('tables.numberTaken') };
    }
    if (err.status === 422 && err.details.length > 0) {
      const f = err.fieldErrors();
      const out: TableFieldErrors = {};
      if (f.number) out.number = t('tables.numberRange');
      if (f.password) out.password = t('tables.passwordRange');
      if (out.number || out.password) return out;
    }
  }
  return { form: fallback(err) };
}
