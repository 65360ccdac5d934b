import { createHash } from 'node:crypto';
import sharp, { type Metadata } from 'sharp';
import { IMAGE_UPLOAD_MAX_BYTES } from '@table-order/contracts/constants';
import { Errors } from '../../shared/errors.js';

/** Largest accepted upload, in bytes (the multipart limit; refused with 413 while streaming). */
export const MAX_UPLOAD_BYTES = IMAGE_UPLOAD_MAX_BYTES;
/** Largest accepted picture, in pixels: refuses decompression bombs before any decoding. */
const MAX_INPUT_PIXELS = 40_000_000;
/** Longest side of the display rendition. */
const DISPLAY_SIZE = 1024;
/** Longest side of the thumbnail. */
const THUMBNAIL_SIZE = 320;
// Part of the key: changing how renditions are made must not reuse keys cached forever by browsers.
const PIPELINE_VERSION = 'v1';

/** The 413 of an upload over MAX_UPLOAD_BYTES. */
export const uploadTooLarge = () =>
  Errors.payloadTooLarge(`The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);

type Format = 'jpeg' | 'png' | 'webp';

/** The format named by the file's first bytes, whatever its name or declared type says. */
function sniffFormat(b: Buffer): Format | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (
    b.length >= 8 &&
    b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  ) {
    return 'png';
  }
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') {
    return 'webp';
  }
  return undefined;
}

export interface Rendition {
  data: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  key: string;
  display: Rendition;
  thumbnail: Rendition;
}

/** Content-derived key: the same file always gets the same key, and nothing client-chosen is in it. */
function imageKeyOf(bytes: Buffer): string {
  return createHash('sha256').update(PIPELINE_VERSION).update('\0').update(bytes).digest('hex').slice(0, 32);
}

/**
 * Checks an upload by content and re-encodes it as WebP renditions. Re-encoding keeps only pixels:
 * EXIF (GPS included), comments and anything appended to the file are gone.
 */
export async function processImage(bytes: Buffer): Promise<ProcessedImage> {
  const format = sniffFormat(bytes);
  if (!format) throw Errors.unsupportedImage();

  // Header only, no decoding: the pixel check must come before any large allocation.
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw Errors.invalidImage();
  }
  if (meta.format !== format || !meta.width || !meta.height) throw Errors.invalidImage();
  if (meta.width * meta.height > MAX_INPUT_PIXELS) throw Errors.imageTooLarge(MAX_INPUT_PIXELS);

  // failOn 'warning' refuses truncated data instead of filling the missing rows with grey.
  const input = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).autoOrient();
  const render = async (size: number, quality: number): Promise<Rendition> => {
    const { data, info } = await input
      .clone()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .webp({ quality })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  };
  try {
    const [display, thumbnail] = await Promise.all([render(DISPLAY_SIZE, 82), render(THUMBNAIL_SIZE, 75)]);
    return { key: imageKeyOf(bytes), display, thumbnail };
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message))
      throw Errors.imageTooLarge(MAX_INPUT_PIXELS);
    throw Errors.invalidImage();
  }
}
