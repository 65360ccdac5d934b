import type { ImageUploadResult } from '@table-order/contracts';
import { apiRequest } from '../../shared/api';

/** POST /admin/images (multipart, field `file`) → the key to put on a menu item and its URLs. */
export function uploadImage(file: File): Promise<ImageUploadResult> {
  const form = new FormData();
  form.append('file', file);
  return apiRequest<ImageUploadResult>('POST', '/admin/images', { form });
}
