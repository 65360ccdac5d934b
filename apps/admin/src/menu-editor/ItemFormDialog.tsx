import type { Category, MenuItem, MenuItemUpdateBody } from '@table-order/contracts';
import { useEffect, useRef, useState, type SubmitEvent } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { Field, Modal } from '../shared/ui';
import { createMenuItem } from './api/create-menu-item';
import { updateMenuItem } from './api/update-menu-item';
import { uploadImage } from './api/upload-image';

type FieldName = 'categoryId' | 'name' | 'price' | 'description' | 'imageKey';
type Errors = Partial<Record<FieldName | 'form', string>>;

/** Turns the API's 422 details into localized messages next to the fields they name. */
function fieldErrorsFrom(err: unknown, t: Translate): Errors {
  if (!(err instanceof ApiError)) return { form: errorMessage(err, t) };
  const f = err.fieldErrors();
  const out: Errors = {};
  if (f.name) out.name = t('item.nameInvalid');
  if (f.price) out.price = t('item.priceInvalid');
  if (f.description) out.description = t('item.descriptionTooLong');
  if (f.categoryId) out.categoryId = t('item.categoryInvalid');
  if (f.imageKey) out.imageKey = t('item.uploadInvalid');
  const known = ['name', 'price', 'description', 'categoryId', 'imageKey'];
  const other = err.details.filter((d) => !known.includes(d.field.split('.')[0] ?? ''));
  if (Object.keys(out).length === 0 || other.length > 0) {
    out.form =
      other.length > 0 ? other.map((d) => `${d.field}: ${d.message}`).join(' · ') : errorMessage(err, t);
  }
  return out;
}

function uploadError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return t('item.uploadTooLarge');
    if (err.status === 415) return t('item.uploadType');
    if (err.status === 422) return t('item.uploadInvalid');
  }
  return errorMessage(err, t);
}

/** Create or edit a menu item, with image upload and preview; API validation shows beside each field. */
export function ItemFormDialog({
  item,
  categories,
  categoryId,
  onSaved,
  onClose,
}: {
  item: MenuItem | null;
  categories: Category[];
  categoryId: number;
  onSaved: (item: MenuItem) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [category, setCategory] = useState(String(item?.categoryId ?? categoryId));
  const [name, setName] = useState(item?.name ?? '');
  const [price, setPrice] = useState(item ? String(item.price) : '');
  const [description, setDescription] = useState(item?.description ?? '');
  const [soldOut, setSoldOut] = useState(item?.soldOut ?? false);
  const [imageKey, setImageKey] = useState<string | null>(item?.imageKey ?? null);
  const [preview, setPreview] = useState<string | null>(item?.thumbnailUrl ?? item?.imageUrl ?? null);
  const [uploading, setUploading] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  const localUrl = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const clearError = (field: FieldName) => {
    setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));
  };

  useEffect(
    () => () => {
      if (localUrl.current) URL.revokeObjectURL(localUrl.current);
    },
    [],
  );

  async function handleFile(file: File | undefined) {
    if (!file) return;
    if (localUrl.current) URL.revokeObjectURL(localUrl.current);
    localUrl.current = URL.createObjectURL(file);
    setPreview(localUrl.current);
    setUploading(true);
    setErrors((e) => ({ ...e, imageKey: undefined }));
    try {
      const r = await uploadImage(file);
      setImageKey(r.imageKey);
      setPreview(r.thumbnailUrl);
    } catch (err) {
      setPreview(item?.thumbnailUrl ?? null);
      setImageKey(item?.imageKey ?? null);
      setErrors((e) => ({ ...e, imageKey: uploadError(err, t) }));
    } finally {
      setUploading(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    const next: Errors = {};
    if (!name.trim()) next.name = t('item.nameRequired');
    const priceText = price.replaceAll(',', '').trim();
    if (!/^\d+$/.test(priceText)) next.price = t('item.priceInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const priceValue = Number(priceText);
    setBusy(true);
    try {
      let saved: MenuItem;
      if (item) {
        const body: MenuItemUpdateBody = {};
        if (Number(category) !== item.categoryId) body.categoryId = Number(category);
        if (name.trim() !== item.name) body.name = name.trim();
        if (priceValue !== item.price) body.price = priceValue;
        if (description.trim() !== item.description) body.description = description.trim();
        if (imageKey !== item.imageKey) body.imageKey = imageKey;
        if (soldOut !== item.soldOut) body.soldOut = soldOut;
        saved = Object.keys(body).length > 0 ? await updateMenuItem(item.id, body) : item;
      } else {
        saved = await createMenuItem({
          categoryId: Number(category),
          name: name.trim(),
          price: priceValue,
          description: description.trim(),
          ...(imageKey ? { imageKey } : {}),
          soldOut,
        });
      }
      onSaved(saved);
    } catch (err) {
      setErrors(fieldErrorsFrom(err, t));
      setBusy(false);
    }
  }

  const title = item ? t('item.editTitle', { name: item.name }) : t('item.newTitle');
  const previewName = name.trim() || item?.name || t('item.image');

  return (
    <Modal
      title={title}
      onClose={onClose}
      variant="sheet"
      footer={
        <>
          <button type="button" className="btn btn--lg" onClick={onClose}>
            {t('item.cancel')}
          </button>
          <button
            type="submit"
            form="item-form"
            className="btn btn--primary btn--lg"
            disabled={busy || uploading}
          >
            {busy ? t('item.saving') : t('item.save')}
          </button>
        </>
      }
    >
      <form id="item-form" className="item-form" onSubmit={(e) => void handleSubmit(e)} noValidate>
        <div className="item-form__fields">
          <Field id="item-category" label={t('item.category')} error={errors.categoryId}>
            {(c) => (
              <select
                {...c}
                value={category}
                onChange={(e) => {
                  setCategory(e.target.value);
                  clearError('categoryId');
                }}
              >
                {categories.map((cat) => (
                  <option key={cat.id} value={cat.id}>
                    {cat.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="item-name" label={t('item.name')} error={errors.name}>
            {(c) => (
              <input
                {...c}
                autoComplete="off"
                value={name}
                onChange={(e) => {
                  setName(e.target.value);
                  clearError('name');
                }}
              />
            )}
          </Field>
          <Field id="item-price" label={t('item.price')} error={errors.price}>
            {(c) => (
              <input
                {...c}
                inputMode="numeric"
                autoComplete="off"
                value={price}
                onChange={(e) => {
                  setPrice(e.target.value);
                  clearError('price');
                }}
              />
            )}
          </Field>
          <Field id="item-description" label={t('item.description')} error={errors.description}>
            {(c) => (
              <textarea
                {...c}
                rows={3}
                value={description}
                onChange={(e) => {
                  setDescription(e.target.value);
                  clearError('description');
                }}
              />
            )}
          </Field>
          <label className="check check--lg">
            <input
              type="checkbox"
              checked={soldOut}
              onChange={(e) => {
                setSoldOut(e.target.checked);
              }}
            />
            {t('item.soldOut')}
          </label>
        </div>
        <div className="item-form__image">
          <div className={errors.imageKey ? 'field field--invalid' : 'field'}>
            <span className="field__label">{t('item.image')}</span>
            <input
              id="item-image"
              ref={fileInput}
              type="file"
              accept="image/jpeg,image/png,image/webp"
              className="sr-only file-input"
              aria-describedby={errors.imageKey ? 'item-image-hint item-image-error' : 'item-image-hint'}
              aria-invalid={errors.imageKey ? true : undefined}
              onChange={(e) => void handleFile(e.target.files?.[0])}
            />
            <label htmlFor="item-image" className="btn file-button">
              {t('item.chooseImage')}
            </label>
            <p className="field__hint" id="item-image-hint">
              {t('item.imageHint')}
            </p>
            {errors.imageKey && (
              <p className="field__error" id="item-image-error">
                {errors.imageKey}
              </p>
            )}
          </div>
          <div className="item-form__preview">
            {preview ? (
              <img src={preview} alt={t('item.preview', { name: previewName })} />
            ) : (
              <span className="muted">{t('menu.noImage')}</span>
            )}
            {uploading && (
              <span className="item-form__uploading" role="status">
                {t('item.uploading')}
              </span>
            )}
          </div>
          {preview && !uploading && (
            <button
              type="button"
              className="btn btn--quiet-danger"
              onClick={() => {
                setImageKey(null);
                setPreview(null);
              }}
            >
              {t('item.removeImage')}
            </button>
          )}
        </div>
        {errors.form && (
          <p className="notice notice--error item-form__wide" role="alert">
            {errors.form}
          </p>
        )}
      </form>
    </Modal>
  );
}
