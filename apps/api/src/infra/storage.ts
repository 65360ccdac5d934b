import type { Config } from '../config/index.js';

/** Where menu images live. Every image URL in an API response comes from here. */
export interface ImageStorage {
  readonly driver: 'local' | 's3';
  /** Public URL of the display-size image for a key. */
  url(key: string): string;
  /** Public URL of the thumbnail for a key. */
  thumbnailUrl(key: string): string;
}

/** URL scheme shared by the drivers: `<base>/<key>.webp` and `<base>/<key>_thumb.webp`. */
export function imageUrls(base: string): Pick<ImageStorage, 'url' | 'thumbnailUrl'> {
  const b = base.replace(/\/+$/, '');
  return { url: (key) => `${b}/${key}.webp`, thumbnailUrl: (key) => `${b}/${key}_thumb.webp` };
}

/** Builds the URL side of the configured storage driver. */
export function createImageStorage(config: Config['storage']): ImageStorage {
  if (config.driver === 'local') return { driver: 'local', ...imageUrls(config.publicBaseUrl) };
  const base =
    config.publicBaseUrl ??
    (config.endpoint
      ? `${config.endpoint.replace(/\/+$/, '')}/${config.bucket}`
      : `https://${config.bucket}.s3.${config.region}.amazonaws.com`);
  return { driver: 's3', ...imageUrls(base) };
}
