import type { ImageUploadResult } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { processImage } from './images.pipeline.js';
import * as repo from './images.repository.js';

/** Menu image uploads: check and re-encode, store both renditions, record the key for the store. */
export class ImageService {
  constructor(private readonly ctx: Pick<AppContext, 'db' | 'dialect' | 'storage' | 'clock'>) {}

  /** Accepts an uploaded file's bytes for a store; throws the image AppErrors on refusal. */
  async upload(storeId: number, bytes: Buffer): Promise<ImageUploadResult> {
    const { key, display, thumbnail } = await processImage(bytes);
    const { storage } = this.ctx;
    // Files first, then the row: a row always has its files, and files without a row are
    // collected by the GC once they are a day old.
    await Promise.all([
      storage.put(key, 'display', display.data),
      storage.put(key, 'thumbnail', thumbnail.data),
    ]);
    await repo.upsertImage(this.ctx.db, this.ctx.dialect, {
      store_id: storeId,
      image_key: key,
      width: display.width,
      height: display.height,
      bytes: display.data.length,
      created_at: this.ctx.clock.now(),
    });
    return { imageKey: key, url: storage.url(key), thumbnailUrl: storage.thumbnailUrl(key) };
  }
}
