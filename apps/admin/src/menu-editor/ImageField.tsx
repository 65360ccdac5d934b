import type { MenuItem } from '@table-order/contracts';
import { IMAGE_UPLOAD_MAX_BYTES } from '@table-order/contracts/constants';
import { useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { useUploadImage } from './api/upload-image';

function uploadError(err: unknown, t: Translate): string {
  if (err instanceof ApiError) {
    if (err.status === 413) return t('item.uploadTooLarge');
    if (err.status === 415) return t('item.uploadType');
    if (err.status === 422) return t('item.uploadInvalid');
  }
  return errorMessage(err, t);
}

/**
 * The menu item's photo: a chosen file is shown at once and uploaded; the upload's key goes to the
 * form. A refused upload explains why and puts the item's saved photo back. "Remove" clears it.
 */
export function ImageField({
  item,
  previewName,
  error,
  uploading,
  onChange,
  onError,
  onUploadingChange,
}: {
  item: MenuItem | null;
  previewName: string;
  error: string | undefined;
  uploading: boolean;
  onChange: (imageKey: string | null) => void;
  onError: (message: string | undefined) => void;
  onUploadingChange: (uploading: boolean) => void;
}) {
  const { t } = useI18n();
  const upload = useUploadImage();
  const [preview, setPreview] = useState<string | null>(item?.thumbnailUrl ?? item?.imageUrl ?? null);
  const localUrl = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(
    () => () => {
      if (localUrl.current) URL.revokeObjectURL(localUrl.current);
    },
    [],
  );

  async function handleFile(file: File | undefined) {
    if (!file) return;
    // Refused here, before any upload (the server's 413 stays the backstop); the saved photo stays.
    if (file.size > IMAGE_UPLOAD_MAX_BYTES) {
      onError(t('item.uploadTooLarge'));
      if (fileInput.current) fileInput.current.value = '';
      return;
    }
    if (localUrl.current) URL.revokeObjectURL(localUrl.current);
    localUrl.current = URL.createObjectURL(file);
    setPreview(localUrl.current);
    onUploadingChange(true);
    onError(undefined);
    try {
      const r = await upload.mutateAsync(file);
      onChange(r.imageKey);
      setPreview(r.thumbnailUrl);
    } catch (err) {
      setPreview(item?.thumbnailUrl ?? null);
      onChange(item?.imageKey ?? null);
      onError(uploadError(err, t));
    } finally {
      onUploadingChange(false);
      if (fileInput.current) fileInput.current.value = '';
    }
  }

  return (
    <div className="item-form__image">
      <div className={error ? 'field field--invalid' : 'field'}>
        <span className="field__label">{t('item.image')}</span>
        <input
          id="item-image"
          ref={fileInput}
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="sr-only file-input"
          aria-describedby={error ? 'item-image-hint item-image-error' : 'item-image-hint'}
          aria-invalid={error ? true : undefined}
          onChange={(e) => void handleFile(e.target.files?.[0])}
        />
        <label htmlFor="item-image" className="btn file-button">
          {t('item.chooseImage')}
        </label>
        <p className="field__hint" id="item-image-hint">
          {t('item.imageHint')}
        </p>
        {error && (
          <p className="field__error" id="item-image-error">
            {error}
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
            onChange(null);
            setPreview(null);
          }}
        >
          {t('item.removeImage')}
        </button>
      )}
    </div>
  );
}
