import type { MenuLanguage, StoreSettings, StoreSettingsPatch } from '@table-order/contracts';
import {
  CALL_REASON_MAX,
  CALL_REASONS_MAX,
  IDLE_TIMEOUT_MAX,
  IDLE_TIMEOUT_MIN,
  KITCHEN_MINUTES_MAX,
  MENU_LANGUAGES,
  REQUEST_CHIPS_MAX,
  STORE_NAME_MAX,
} from '@table-order/contracts/constants';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { useUpdateStoreSettings } from './api/update-store-settings';

/** What the settings form's controls hold, as typed. */
export interface SettingsValues {
  name: string;
  timeZone: string;
  callReasons: string[];
  requestChips: string[];
  menuLanguages: MenuLanguage[];
  idleOn: boolean;
  idleSeconds: string;
  kitchenAmber: string;
  kitchenRed: string;
}

export type SettingsField =
  'name' | 'timeZone' | 'callReasons' | 'requestChips' | 'menuLanguages' | 'idle' | 'kitchen';
export type SettingsErrors = Partial<Record<SettingsField | 'form', string>>;

/** The idle timeout offered when staff switch it on. */
const DEFAULT_IDLE_SECONDS = 120;

export function valuesOf(s: StoreSettings): SettingsValues {
  return {
    name: s.name,
    timeZone: s.timeZone,
    callReasons: [...s.callReasons],
    requestChips: [...s.requestChips],
    menuLanguages: [...s.menuLanguages],
    idleOn: s.idleTimeoutSeconds > 0,
    idleSeconds: String(s.idleTimeoutSeconds > 0 ? s.idleTimeoutSeconds : DEFAULT_IDLE_SECONDS),
    kitchenAmber: String(s.kitchenAmberMinutes),
    kitchenRed: String(s.kitchenRedMinutes),
  };
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const trimmed = (list: string[]) => list.map((x) => x.trim());
const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/** The problem with a list of labels (call reasons or chips), if any. */
function listError(list: string[], min: number, max: number, t: Translate): string | undefined {
  if (list.length < min) return t('settings.reasonsRequired');
  if (list.length > max) return t('settings.listTooLong', { max });
  if (list.some((x) => x === '' || x.length > CALL_REASON_MAX)) return t('settings.labelLength');
  if (new Set(list).size !== list.length) return t('settings.duplicate');
  return undefined;
}

/** Checks the values; on success answers the patch of what differs from `saved` (maybe empty). */
export function validate(
  values: SettingsValues,
  saved: StoreSettings,
  t: Translate,
): { errors: SettingsErrors; patch: StoreSettingsPatch } {
  const errors: SettingsErrors = {};
  const patch: StoreSettingsPatch = {};
  const name = values.name.trim();
  if (name === '' || name.length > STORE_NAME_MAX) errors.name = t('settings.nameInvalid');
  else if (name !== saved.name) patch.name = name;

  const timeZone = values.timeZone.trim();
  if (!isTimeZone(timeZone)) errors.timeZone = t('settings.timeZoneInvalid');
  else if (timeZone !== saved.timeZone) patch.timeZone = timeZone;

  const reasons = trimmed(values.callReasons);
  const reasonsError = listError(reasons, 1, CALL_REASONS_MAX, t);
  if (reasonsError) errors.callReasons = reasonsError;
  else if (!sameList(reasons, saved.callReasons)) patch.callReasons = reasons;

  const chips = trimmed(values.requestChips);
  const chipsError = listError(chips, 0, REQUEST_CHIPS_MAX, t);
  if (chipsError) errors.requestChips = chipsError;
  else if (!sameList(chips, saved.requestChips)) patch.requestChips = chips;

  const languages = MENU_LANGUAGES.filter((l) => l === 'ko' || values.menuLanguages.includes(l));
  if (!sameList(languages, saved.menuLanguages)) patch.menuLanguages = languages;

  const seconds = values.idleOn ? Number(values.idleSeconds) : 0;
  if (
    values.idleOn &&
    !(Number.isInteger(seconds) && seconds >= IDLE_TIMEOUT_MIN && seconds <= IDLE_TIMEOUT_MAX)
  )
    errors.idle = t('settings.idleInvalid', { min: IDLE_TIMEOUT_MIN, max: IDLE_TIMEOUT_MAX });
  else if (seconds !== saved.idleTimeoutSeconds) patch.idleTimeoutSeconds = seconds;

  // The kitchen display's timers: whole minutes, amber before red.
  const amber = Number(values.kitchenAmber);
  const red = Number(values.kitchenRed);
  const minutesOk = (m: number) => Number.isInteger(m) && m >= 1 && m <= KITCHEN_MINUTES_MAX;
  if (
    values.kitchenAmber.trim() === '' ||
    values.kitchenRed.trim() === '' ||
    !minutesOk(amber) ||
    !minutesOk(red)
  )
    errors.kitchen = t('settings.kitchenInvalid', { max: KITCHEN_MINUTES_MAX });
  else if (amber >= red) errors.kitchen = t('settings.kitchenOrder');
  else {
    if (amber !== saved.kitchenAmberMinutes) patch.kitchenAmberMinutes = amber;
    if (red !== saved.kitchenRedMinutes) patch.kitchenRedMinutes = red;
  }
  return { errors, patch };
}

const API_FIELDS: Record<string, SettingsField> = {
  name: 'name',
  timeZone: 'timeZone',
  callReasons: 'callReasons',
  requestChips: 'requestChips',
  menuLanguages: 'menuLanguages',
  idleTimeoutSeconds: 'idle',
  kitchenAmberMinutes: 'kitchen',
  kitchenRedMinutes: 'kitchen',
};

/** The API's 422 details as messages next to the fields they name. */
function errorsFrom(err: unknown, t: Translate): SettingsErrors {
  if (!(err instanceof ApiError) || err.status !== 422) return { form: errorMessage(err, t) };
  const out: SettingsErrors = {};
  for (const [field, message] of Object.entries(err.fieldErrors())) {
    const key = API_FIELDS[field];
    if (key) out[key] = message;
  }
  if (Object.keys(out).length === 0) out.form = errorMessage(err, t);
  return out;
}

/**
 * State of the store settings form: values, per-field errors, and the save, which sends only what
 * differs from the saved settings. While nothing is edited, settings changed elsewhere (store.changed)
 * show at once.
 */
export function useSettingsForm(saved: StoreSettings, onSaved: () => void) {
  const { t } = useI18n();
  const update = useUpdateStoreSettings();
  const [base, setBase] = useState(saved);
  const [values, setValues] = useState(() => valuesOf(saved));
  const [errors, setErrors] = useState<SettingsErrors>({});
  const dirty = JSON.stringify(values) !== JSON.stringify(valuesOf(base));

  useEffect(() => {
    if (saved === base || dirty) return;
    setBase(saved);
    setValues(valuesOf(saved));
  }, [saved, base, dirty]);

  function set<K extends keyof SettingsValues>(field: K, value: SettingsValues[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    const key: SettingsField =
      field === 'idleOn' || field === 'idleSeconds'
        ? 'idle'
        : field === 'kitchenAmber' || field === 'kitchenRed'
          ? 'kitchen'
          : field;
    setErrors((e) => (e[key] || e.form ? { ...e, [key]: undefined, form: undefined } : e));
  }

  async function submit(): Promise<void> {
    const { errors: found, patch } = validate(values, saved, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (Object.keys(patch).length === 0) {
      setErrors({ form: t('settings.nothingChanged') });
      return;
    }
    try {
      const next = await update.mutateAsync(patch);
      setBase(next);
      setValues(valuesOf(next));
      onSaved();
    } catch (err) {
      setErrors(errorsFrom(err, t));
    }
  }

  return { values, set, errors, dirty, busy: update.isPending, submit };
}
