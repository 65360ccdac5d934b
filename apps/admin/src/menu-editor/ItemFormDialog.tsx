import type { Category, MenuItem } from '@table-order/contracts';
import type { SubmitEvent } from 'react';
import { useI18n } from '../shared/i18n';
import { Field, Modal } from '../shared/ui';
import { ImageField } from './ImageField';
import { OptionGroupsField } from './OptionGroupsField';
import { TranslationsField } from './translations';
import { useItemForm } from './use-item-form';

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
  const form = useItemForm({ item, categoryId, onSaved });
  const { values, set, errors } = form;

  function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    void form.submit();
  }

  const title = item ? t('item.editTitle', { name: item.name }) : t('item.newTitle');
  const previewName = values.name.trim() || item?.name || t('item.image');

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
            disabled={form.busy || form.uploading}
          >
            {form.busy ? t('item.saving') : t('item.save')}
          </button>
        </>
      }
    >
      <form id="item-form" className="item-form" onSubmit={handleSubmit} noValidate>
        <div className="item-form__fields">
          <Field id="item-category" label={t('item.category')} error={errors.categoryId}>
            {(c) => (
              <select
                {...c}
                value={values.categoryId}
                onChange={(e) => {
                  set('categoryId', Number(e.target.value));
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
                value={values.name}
                onChange={(e) => {
                  set('name', e.target.value);
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
                value={values.price}
                onChange={(e) => {
                  set('price', e.target.value);
                }}
              />
            )}
          </Field>
          <Field id="item-description" label={t('item.description')} error={errors.description}>
            {(c) => (
              <textarea
                {...c}
                rows={3}
                value={values.description}
                onChange={(e) => {
                  set('description', e.target.value);
                }}
              />
            )}
          </Field>
          <TranslationsField
            id="item-translations"
            value={values.translations}
            withDescription
            error={errors.translations}
            onChange={(next) => {
              set('translations', next);
            }}
          />
          <label className="check check--lg">
            <input
              type="checkbox"
              checked={values.soldOut}
              onChange={(e) => {
                set('soldOut', e.target.checked);
              }}
            />
            {t('item.soldOut')}
          </label>
          <OptionGroupsField
            value={values.optionGroupIds}
            error={errors.optionGroupIds}
            onChange={(ids) => {
              set('optionGroupIds', ids);
            }}
          />
        </div>
        <ImageField
          item={item}
          previewName={previewName}
          error={errors.imageKey}
          uploading={form.uploading}
          onChange={(key) => {
            set('imageKey', key);
          }}
          onError={form.setImageError}
          onUploadingChange={form.setUploading}
        />
        {errors.form && (
          <p className="notice notice--error item-form__wide" role="alert">
            {errors.form}
          </p>
        )}
      </form>
    </Modal>
  );
}
