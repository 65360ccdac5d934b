import { randomBytes } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  paginateListObjectsV2,
} from '@aws-sdk/client-s3';
import type { Config } from '../config/index.js';

/** The two stored renditions of every image. */
export type ImageVariant = 'display' | 'thumbnail';

/** Cache header of every stored image: keys are content-derived, so a key's bytes never change. */
const IMAGE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** Where menu images live. Every image URL in an API response comes from here. */
export interface ImageStorage {
  readonly driver: 'local' | 's3';
  /** Public URL of the display-size image for a key. */
  url(key: string): string;
  /** Public URL of the thumbnail for a key. */
  thumbnailUrl(key: string): string;
  /** Stores one rendition (WebP bytes) of an image; overwriting is harmless since keys follow content. */
  put(key: string, variant: ImageVariant, body: Buffer): Promise<void>;
  /** The stored bytes of one rendition, or undefined when absent. */
  get(key: string, variant: ImageVariant): Promise<Buffer | undefined>;
  /** Removes both renditions of a key; absent files are not an error. */
  delete(key: string): Promise<void>;
  /** Every stored key with the time its newest rendition was written (epoch ms). */
  list(): Promise<{ key: string; modifiedAt: number }[]>;
  /** Releases connections (S3); safe to call more than once. */
  close(): void;
}

const KEY = /^[a-f0-9]{16,64}$/;
const OBJECT_NAME = /^([a-f0-9]{16,64})(_thumb)?\.webp$/;

const fileName = (key: string, variant: ImageVariant) =>
  variant === 'display' ? `${key}.webp` : `${key}_thumb.webp`;

/** File/object name of a rendition: `<key>.webp` or `<key>_thumb.webp`, the same as in the URLs. */
function objectName(key: string, variant: ImageVariant): string {
  // Keys are derived server-side, but a path-like key must never reach the file system or bucket.
  if (!KEY.test(key)) throw new Error('invalid image key');
  return fileName(key, variant);
}

/** URL scheme shared by the drivers: `<base>/<key>.webp` and `<base>/<key>_thumb.webp`. */
function imageUrls(base: string): Pick<ImageStorage, 'url' | 'thumbnailUrl'> {
  const b = base.replace(/\/+$/, '');
  return {
    url: (key) => `${b}/${fileName(key, 'display')}`,
    thumbnailUrl: (key) => `${b}/${fileName(key, 'thumbnail')}`,
  };
}

/** Folds object names into keys with the newest modification time of their renditions. */
function newestByKey(objects: Iterable<{ name: string; modifiedAt: number }>) {
  const byKey = new Map<string, number>();
  for (const o of objects) {
    const key = OBJECT_NAME.exec(o.name)?.[1];
    // Anything not written by this driver is left alone.
    if (key === undefined) continue;
    byKey.set(key, Math.max(byKey.get(key) ?? 0, o.modifiedAt));
  }
  return [...byKey].map(([key, modifiedAt]) => ({ key, modifiedAt }));
}

/** Images in a local folder, served by the app under `/uploads/`. */
function localFolderStorage(config: Extract<Config['storage'], { driver: 'local' }>): ImageStorage {
  const dir = resolve(config.dir);
  return {
    driver: 'local',
    ...imageUrls(config.publicBaseUrl),
    async put(key, variant, body) {
      const target = join(dir, objectName(key, variant));
      // Write then rename, so a concurrent reader never sees half a file. The dot name is never served.
      const tmp = join(dir, `.${randomBytes(8).toString('hex')}.tmp`);
      await mkdir(dir, { recursive: true });
      try {
        await writeFile(tmp, body);
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key, variant) {
      try {
        return await readFile(join(dir, objectName(key, variant)));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async delete(key) {
      await Promise.all(
        (['display', 'thumbnail'] as const).map((v) => rm(join(dir, objectName(key, v)), { force: true })),
      );
    },
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => OBJECT_NAME.test(n));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
        throw err;
      }
      const stats = await Promise.all(
        names.map(async (name) => {
          try {
            return { name, modifiedAt: (await stat(join(dir, name))).mtimeMs };
          } catch {
            return undefined; // removed meanwhile
          }
        }),
      );
      return newestByKey(stats.filter((s) => s !== undefined));
    },
    close() {
      /* nothing to release */
    },
  };
}

/** Images in an S3 bucket (or an S3-compatible server at `endpoint`, path-style). */
function s3Storage(config: Extract<Config['storage'], { driver: 's3' }>): ImageStorage {
  // Credentials come from the SDK's default chain (AWS_ACCESS_KEY_ID/…, profile, instance role).
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint, forcePathStyle: true } : {}),
    // Newer SDKs add checksums by default, which some S3-compatible servers store as part of the object.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;
  const base =
    config.publicBaseUrl ??
    (config.endpoint
      ? `${config.endpoint.replace(/\/+$/, '')}/${config.bucket}`
      : `https://${config.bucket}.s3.${config.region}.amazonaws.com`);
  return {
    driver: 's3',
    ...imageUrls(base),
    async put(key, variant, body) {
      await client.send(
        new PutObjectCommand({
          Bucket,
          Key: objectName(key, variant),
          Body: body,
          ContentType: 'image/webp',
          CacheControl: IMAGE_CACHE_CONTROL,
        }),
      );
    },
    async get(key, variant) {
      try {
        const out = await client.send(new GetObjectCommand({ Bucket, Key: objectName(key, variant) }));
        return out.Body ? Buffer.from(await out.Body.transformToByteArray()) : undefined;
      } catch (err) {
        if (err instanceof NoSuchKey) return undefined;
        throw err;
      }
    },
    async delete(key) {
      // Two single deletes: DeleteObjects needs a body checksum that not every S3-compatible server accepts.
      await Promise.all(
        (['display', 'thumbnail'] as const).map((v) =>
          client.send(new DeleteObjectCommand({ Bucket, Key: objectName(key, v) })),
        ),
      );
    },
    async list() {
      const objects: { name: string; modifiedAt: number }[] = [];
      for await (const page of paginateListObjectsV2({ client }, { Bucket })) {
        for (const o of page.Contents ?? []) {
          if (o.Key) objects.push({ name: o.Key, modifiedAt: o.LastModified?.getTime() ?? 0 });
        }
      }
      return newestByKey(objects);
    },
    close() {
      client.destroy();
    },
  };
}

/** Opens the configured storage driver: the local folder by default, S3 when a bucket is configured. */
export function createImageStorage(config: Config['storage']): ImageStorage {
  return config.driver === 'local' ? localFolderStorage(config) : s3Storage(config);
}
