import type { MenuItem, MenuItemCreateBody, MenuItemUpdateBody, Translations } from '@table-order/contracts';
import { useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { useCreateMenuItem } from './api/create-menu-item';
import { useUpdateMenuItem } from './api/update-menu-item';
import { cleanTranslations, sameTranslations } from './translations';

/** What the item form's controls hold, as typed. */
export interface ItemFormValues {
  categoryId: number;
  name: string;
  price: string;
  description: string;
  soldOut: boolean;
  imageKey: string | null;
  /** Option groups the dish offers, in the order guests see them. */
  optionGroupIds: number[];
  /** Name and description per other menu language (SPEC 14). */
  translations: Translations;
}

type FieldName =
  'categoryId' | 'name' | 'price' | 'description' | 'imageKey' | 'optionGroupIds' | 'translations';
export type ItemFormErrors = Partial<Record<FieldName | 'form', string>>;

const FIELDS: readonly string[] = [
  'categoryId',
  'name',
  'price',
  'description',
  'imageKey',
  'optionGroupIds',
  'translations',
];
/** The controls whose error goes as soon as staff change them. */
const TYPED: Partial<Record<keyof ItemFormValues, FieldName>> = {
  categoryId: 'categoryId',
  name: 'name',
  price: 'price',
  description: 'description',
  optionGroupIds: 'optionGroupIds',
  translations: 'translations',
};

const sameIds = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((id, i) => id === b[i]);

/** The price typed by staff ("12,000" → 12000), or null when it is not a whole number. */
function parsePrice(text: string): number | null {
  const digits = text.replaceAll(',', '').trim();
  return /^\d+$/.test(digits) ? Number(digits) : null;
}

/** Only what differs from the saved item, so a PATCH never rewrites fields nobody touched. */
function updateBody(
  item: MenuItem,
  values: ItemFormValues,
  price: number,
  translations: Translations,
): MenuItemUpdateBody {
  const body: MenuItemUpdateBody = {};
  if (values.categoryId !== item.categoryId) body.categoryId = values.categoryId;
  if (values.name.trim() !== item.name) body.name = values.name.trim();
  if (price !== item.price) body.price = price;
  if (values.description.trim() !== item.description) body.description = values.description.trim();
  if (values.imageKey !== item.imageKey) body.imageKey = values.imageKey;
  if (values.soldOut !== item.soldOut) body.soldOut = values.soldOut;
  if (!sameIds(values.optionGroupIds, item.optionGroupIds)) body.optionGroupIds = values.optionGroupIds;
  if (!sameTranslations(translations, item.translations)) body.translations = translations;
  return body;
}

function createBody(values: ItemFormValues, price: number, translations: Translations): MenuItemCreateBody {
  return {
    categoryId: values.categoryId,
    name: values.name.trim(),
    price,
    description: values.description.trim(),
    ...(values.imageKey ? { imageKey: values.imageKey } : {}),
    soldOut: values.soldOut,
    ...(values.optionGroupIds.length > 0 ? { optionGroupIds: values.optionGroupIds } : {}),
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}

/** Turns the API's 422 details into localized messages next to the fields they name. */
function errorsFrom(err: unknown, t: Translate): ItemFormErrors {
  if (!(err instanceof ApiError)) return { form: errorMessage(err, t) };
  const f = err.fieldErrors();
  const out: ItemFormErrors = {};
  if (f.name) out.name = t('item.nameInvalid');
  if (f.price) out.price = t('item.priceInvalid');
  if (f.description) out.description = t('item.descriptionTooLong');
  if (f.categoryId) out.categoryId = t('item.categoryInvalid');
  if (f.imageKey) out.imageKey = t('item.uploadInvalid');
  if (f.optionGroupIds) out.optionGroupIds = t('item.optionGroupsInvalid');
  if (err.details.some((d) => d.field.startsWith('translations'))) out.translations = t('tr.invalid');
  const other = err.details.filter((d) => !FIELDS.includes(d.field.split('.')[0] ?? ''));
  if (Object.keys(out).length === 0 || other.length > 0) {
    out.form =
      other.length > 0 ? other.map((d) => `${d.field}: ${d.message}`).join(' · ') : errorMessage(err, t);
  }
  return out;
}

/**
 * State of the create/edit menu item form: values, per-field errors (typing clears a field's error),
 * validation before sending, and the save: a new item is created, an edited one sends only its changes
 * (nothing at all when nothing changed).
 */
export function useItemForm({
  item,
  categoryId,
  onSaved,
}: {
  item: MenuItem | null;
  categoryId: number;
  onSaved: (item: MenuItem) => void;
}) {
  const { t } = useI18n();
  const create = useCreateMenuItem();
  const update = useUpdateMenuItem();
  const [values, setValues] = useState<ItemFormValues>(() => ({
    categoryId: item?.categoryId ?? categoryId,
    name: item?.name ?? '',
    price: item ? String(item.price) : '',
    description: item?.description ?? '',
    soldOut: item?.soldOut ?? false,
    imageKey: item?.imageKey ?? null,
    optionGroupIds: item?.optionGroupIds ?? [],
    translations: item?.translations ?? {},
  }));
  const [errors, setErrors] = useState<ItemFormErrors>({});
  const [busy, setBusy] = useState(false);
  const [uploading, setUploading] = useState(false);

  /** Sets one value; a typed field's error goes (the photo's error stays until the next upload). */
  function set<K extends keyof ItemFormValues>(field: K, value: ItemFormValues[K]) {
    setValues((v) => ({ ...v, [field]: value }));
    const typed = TYPED[field];
    if (typed) setErrors((e) => (e[typed] ? { ...e, [typed]: undefined } : e));
  }

  /** Shows (or clears) the photo's error, e.g. after a refused upload. */
  function setImageError(message: string | undefined) {
    setErrors((e) => ({ ...e, imageKey: message }));
  }

  async function submit(): Promise<void> {
    const next: ItemFormErrors = {};
    if (!values.name.trim()) next.name = t('item.nameRequired');
    const price = parsePrice(values.price);
    if (price === null) next.price = t('item.priceInvalid');
    const translations = cleanTranslations(values.translations);
    if (!translations) next.translations = t('tr.nameRequired');
    setErrors(next);
    if (price === null || !translations || Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      let saved: MenuItem;
      if (item) {
        const body = updateBody(item, values, price, translations);
        saved = Object.keys(body).length > 0 ? await update.mutateAsync({ item, body }) : item;
      } else {
        saved = await create.mutateAsync(createBody(values, price, translations));
      }
      onSaved(saved);
    } catch (err) {
      setErrors(errorsFrom(err, t));
      setBusy(false);
    }
  }

  return { values, set, errors, setImageError, busy, uploading, setUploading, submit };
}
