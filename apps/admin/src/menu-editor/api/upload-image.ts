import type { ImageUploadResult } from '@table-order/contracts';
import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';

/** POST /admin/images (multipart, field `file`) → the key to put on a menu item and its URLs. */
function uploadImage(file: File): Promise<ImageUploadResult> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<ImageUploadResult>('POST', '/admin/images', { form });
}

/** Uploads a photo; nothing is cached until a menu item is saved with its key. */
export function useUploadImage() {
  return useMutation({ mutationFn: uploadImage });
}
