import type {
  OptionGroup,
  OptionGroupCreateBody,
  OptionGroupUpdateBody,
  OptionInput,
  Translations,
} from '@table-order/contracts';
import {
  OPTION_NAME_MAX,
  OPTION_SELECT_MAX,
  OPTIONS_PER_GROUP_MAX,
  PRICE_DELTA_MAX,
} from '@table-order/contracts/constants';
import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { useCreateOptionGroup } from './api/create-option-group';
import { useUpdateOptionGroup } from './api/update-option-group';
import { move } from './reorder';
import { cleanTranslations, sameTranslations } from './translations';

/** One option row as typed; `key` tells rows apart on screen, `id` is the saved option's. */
export interface OptionRowValues {
  key: string;
  id?: number;
  name: string;
  priceDelta: string;
  soldOut: boolean;
  /** The option's name in the store's other menu languages. */
  translations: Translations;
}

export interface OptionGroupFormValues {
  name: string;
  minSelect: number;
  maxSelect: number;
  options: OptionRowValues[];
  translations: Translations;
}

export interface OptionGroupFormErrors {
  name?: string;
  select?: string;
  /** About the list as a whole (how many options). */
  options?: string;
  /** Per option row, by its key. */
  rows: Record<string, { name?: string; priceDelta?: string }>;
  form?: string;
}

/** The price change typed by staff ("-1,000" → -1000), or null when it is not a whole number in range. */
export function parsePriceDelta(text: string): number | null {
  const s = text.replaceAll(',', '').replace('−', '-').trim();
  if (s === '') return 0;
  if (!/^[+-]?\d+$/.test(s)) return null;
  const n = Number(s);
  return Math.abs(n) <= PRICE_DELTA_MAX ? n : null;
}

/** The form's checks (the API makes the same ones): what to show beside which control. */
export function validateOptionGroup(values: OptionGroupFormValues, t: Translate): OptionGroupFormErrors {
  const errors: OptionGroupFormErrors = { rows: {} };
  const name = values.name.trim();
  if (!name) errors.name = t('options.nameRequired');
  else if (name.length > OPTION_NAME_MAX) errors.name = t('options.nameInvalid');
  const count = values.options.length;
  if (count < 1 || count > OPTIONS_PER_GROUP_MAX) errors.options = t('options.optionCount');
  if (values.minSelect > values.maxSelect || values.maxSelect > Math.min(count, OPTION_SELECT_MAX))
    errors.select = t('options.selectInvalid');
  const seen = new Set<string>();
  for (const o of values.options) {
    const row: { name?: string; priceDelta?: string } = {};
    const optionName = o.name.trim();
    if (!optionName || optionName.length > OPTION_NAME_MAX) row.name = t('options.optionNameRequired');
    else if (seen.has(optionName)) row.name = t('options.optionNameDuplicate');
    seen.add(optionName);
    if (parsePriceDelta(o.priceDelta) === null) row.priceDelta = t('options.priceDeltaInvalid');
    if (row.name || row.priceDelta) errors.rows[o.key] = row;
  }
  return errors;
}

const hasErrors = (e: OptionGroupFormErrors) =>
  Boolean(e.name || e.select || e.options || e.form || Object.keys(e.rows).length > 0);

/**
 * The option list to send; an option's `translations` go only when it has some or had some (an entry
 * without them keeps the saved ones).
 */
function optionInputs(values: OptionGroupFormValues, group?: OptionGroup): OptionInput[] {
  return values.options.map((o) => {
    const translations = cleanTranslations(o.translations) ?? {};
    const had = group?.options.find((s) => s.id === o.id)?.translations ?? {};
    const send = Object.keys(translations).length > 0 || Object.keys(had).length > 0;
    return {
      ...(o.id === undefined ? {} : { id: o.id }),
      name: o.name.trim(),
      priceDelta: parsePriceDelta(o.priceDelta) ?? 0,
      soldOut: o.soldOut,
      ...(send ? { translations } : {}),
    };
  });
}

/** Only what differs from the saved group; the option list goes whole when any option changed. */
function updateBody(group: OptionGroup, values: OptionGroupFormValues): OptionGroupUpdateBody {
  const body: OptionGroupUpdateBody = {};
  if (values.name.trim() !== group.name) body.name = values.name.trim();
  if (values.minSelect !== group.minSelect) body.minSelect = values.minSelect;
  if (values.maxSelect !== group.maxSelect) body.maxSelect = values.maxSelect;
  if (!sameTranslations(values.translations, group.translations)) {
    body.translations = cleanTranslations(values.translations) ?? {};
  }
  const options = optionInputs(values, group);
  const same =
    options.length === group.options.length &&
    options.every((o, i) => {
      const saved = group.options[i];
      return (
        saved !== undefined &&
        o.id === saved.id &&
        o.name === saved.name &&
        o.priceDelta === saved.priceDelta &&
        o.soldOut === saved.soldOut &&
        sameTranslations(o.translations, saved.translations)
      );
    });
  if (!same) body.options = options;
  return body;
}

/** The API's refusal, beside the controls it names. */
function errorsFrom(err: unknown, values: OptionGroupFormValues, t: Translate): OptionGroupFormErrors {
  const errors: OptionGroupFormErrors = { rows: {} };
  if (!(err instanceof ApiError)) return { ...errors, form: errorMessage(err, t) };
  if (err.code === 'option_group_name_taken') return { ...errors, name: t('options.nameTaken') };
  for (const d of err.details) {
    const [field, index, sub] = d.field.split('.');
    const row = values.options[Number(index)];
    if (field === 'name') errors.name = t('options.nameInvalid');
    else if (field === 'translations' || sub === 'translations') errors.form = t('tr.invalid');
    else if (field === 'minSelect' || field === 'maxSelect') errors.select = t('options.selectInvalid');
    else if (field === 'options' && row && sub === 'priceDelta')
      errors.rows[row.key] = { ...errors.rows[row.key], priceDelta: t('options.priceDeltaInvalid') };
    else if (field === 'options' && row && sub === 'name')
      errors.rows[row.key] = { ...errors.rows[row.key], name: t('options.optionNameDuplicate') };
    else if (field === 'options') errors.options = t('options.optionCount');
  }
  if (!hasErrors(errors)) errors.form = errorMessage(err, t);
  return errors;
}

/**
 * State of the option group form: name, selection limits, the option rows (add, edit, reorder, remove),
 * checks before sending, and the save (a new group is created; an edited one sends only its changes).
 */
export function useOptionGroupForm({
  group,
  onSaved,
}: {
  group: OptionGroup | null;
  onSaved: (group: OptionGroup) => void;
}) {
  const { t } = useI18n();
  const create = useCreateOptionGroup();
  const update = useUpdateOptionGroup();
  const nextKey = useRef(0);
  const newKey = () => `new-${String(nextKey.current++)}`;
  const [values, setValues] = useState<OptionGroupFormValues>(() => ({
    name: group?.name ?? '',
    minSelect: group?.minSelect ?? 0,
    maxSelect: group?.maxSelect ?? 1,
    options: group
      ? group.options.map((o) => ({
          key: `saved-${String(o.id)}`,
          id: o.id,
          name: o.name,
          priceDelta: String(o.priceDelta),
          soldOut: o.soldOut,
          translations: o.translations ?? {},
        }))
      : [{ key: 'new-first', name: '', priceDelta: '0', soldOut: false, translations: {} }],
    translations: group?.translations ?? {},
  }));
  const [errors, setErrors] = useState<OptionGroupFormErrors>({ rows: {} });
  const [busy, setBusy] = useState(false);

  const setField = <K extends 'name' | 'minSelect' | 'maxSelect' | 'translations'>(
    field: K,
    value: OptionGroupFormValues[K],
  ) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, ...(field === 'name' ? { name: undefined } : { select: undefined }) }));
  };

  const setOption = (key: string, change: Partial<Omit<OptionRowValues, 'key' | 'id'>>) => {
    setValues((v) => ({ ...v, options: v.options.map((o) => (o.key === key ? { ...o, ...change } : o)) }));
    setErrors((e) => ({ ...e, rows: Object.fromEntries(Object.entries(e.rows).filter(([k]) => k !== key)) }));
  };

  const addOption = () => {
    setValues((v) => ({
      ...v,
      options: [...v.options, { key: newKey(), name: '', priceDelta: '0', soldOut: false, translations: {} }],
    }));
    setErrors((e) => ({ ...e, options: undefined }));
  };

  const removeOption = (key: string) => {
    setValues((v) => {
      const options = v.options.filter((o) => o.key !== key);
      // Keep the limits possible: at most one choice per remaining option.
      const maxSelect = Math.max(1, Math.min(v.maxSelect, options.length));
      return { ...v, options, maxSelect, minSelect: Math.min(v.minSelect, maxSelect) };
    });
  };

  const moveOption = (from: number, to: number) => {
    setValues((v) => ({ ...v, options: move(v.options, from, to) }));
  };

  async function submit(): Promise<void> {
    const found = validateOptionGroup(values, t);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      let saved: OptionGroup;
      if (group) {
        const body = updateBody(group, values);
        saved = Object.keys(body).length > 0 ? await update.mutateAsync({ group, body }) : group;
      } else {
        const body: OptionGroupCreateBody = {
          name: values.name.trim(),
          minSelect: values.minSelect,
          maxSelect: values.maxSelect,
          options: optionInputs(values),
          ...(Object.keys(cleanTranslations(values.translations) ?? {}).length > 0
            ? { translations: cleanTranslations(values.translations) ?? {} }
            : {}),
        };
        saved = await create.mutateAsync(body);
      }
      onSaved(saved);
    } catch (err) {
      setErrors(errorsFrom(err, values, t));
      setBusy(false);
    }
  }

  return { values, errors, busy, setField, setOption, addOption, removeOption, moveOption, submit };
}
