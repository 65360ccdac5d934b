import type { Db } from '../../infra/db.js';
import type { ImageStorage } from '../../infra/storage.js';
import * as repo from './images.repository.js';

/** How old an unused image must be before it is removed: an upload waits this long for its menu item. */
const IMAGE_GC_MIN_AGE_MS = 24 * 60 * 60 * 1000;

export interface ImageGcResult {
  /** Image records removed: the store no longer uses the key on any live menu item. */
  records: { storeId: number; key: string }[];
  /** Keys whose files were deleted because no store records them any more. */
  files: string[];
}

/**
 * Removes images that no live menu item uses and that are older than `minAgeMs` at `now`: first the
 * stores' records, then the files no record points at (including files left by an interrupted upload).
 */
export async function collectImageGarbage(
  deps: { db: Db; storage: ImageStorage },
  opts: { now: number; minAgeMs?: number },
): Promise<ImageGcResult> {
  const before = opts.now - (opts.minAgeMs ?? IMAGE_GC_MIN_AGE_MS);
  const { db, storage } = deps;

  const records: ImageGcResult['records'] = [];
  for (const row of await repo.findUnusedImages(db, before)) {
    if (await repo.deleteUnusedImage(db, row.store_id, row.image_key, before)) {
      records.push({ storeId: row.store_id, key: row.image_key });
    }
  }

  // Files are judged by their own age, so an upload in progress (files written, row not yet) or a
  // repeat upload (files rewritten) is never touched. Files of the records removed above are old too.
  const keys = (await storage.list()).filter((o) => o.modifiedAt < before).map((o) => o.key);
  const files: string[] = [];
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const kept = await repo.recordedKeys(db, chunk);
    for (const key of chunk) {
      if (kept.has(key)) continue;
      await storage.delete(key);
      files.push(key);
    }
  }
  return { records, files };
}

/** What a GC run removed, one line per record and per deleted image, for the operator. */
export function describeImageGc(result: ImageGcResult): string {
  const lines = [
    ...result.records.map((r) => `removed image ${r.key} from store ${r.storeId}`),
    ...result.files.map((key) => `deleted files ${key}.webp, ${key}_thumb.webp`),
    `Removed ${result.records.length} image record(s) and the files of ${result.files.length} image(s).`,
  ];
  return lines.join('\n');
}
