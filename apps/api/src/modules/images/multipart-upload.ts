import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError, Errors } from '../../shared/errors.js';

/** Limits handed to busboy: one file, a few small fields, nothing else worth buffering. */
export function multipartLimits(fileSize: number) {
  return { fileSize, files: 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 20 };
}

/**
 * Reads the file of multipart field `field` into memory, refusing it (413) as soon as it passes
 * `maxBytes`; the rest of an oversized body is never buffered.
 */
export async function readUploadedFile(
  req: FastifyRequest,
  field: string,
  maxBytes: number,
  tooLarge: () => AppError,
) {
  if (!req.isMultipart()) {
    throw Errors.unsupportedMediaType(`Send multipart/form-data with the file in the field "${field}".`);
  }
  try {
    for await (const part of req.parts({ limits: multipartLimits(maxBytes) })) {
      if (part.type !== 'file') continue;
      if (part.fieldname !== field) {
        part.file.resume(); // let busboy skip it instead of holding the body back
        break;
      }
      return await readLimited(part.file, maxBytes, tooLarge);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const { statusCode, code } = err as { statusCode?: unknown; code?: unknown };
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (statusCode === 413) throw Errors.payloadTooLarge('The multipart body has too many parts.');
    // Busboy reports broken framing (no boundary, truncated body) as plain errors.
    throw Errors.malformedMultipart();
  }
  throw Errors.validationFailed(`Send the image in the multipart field "${field}".`, [
    { field, message: 'required' },
  ]);
}

async function readLimited(
  stream: Readable & { truncated?: boolean },
  maxBytes: number,
  tooLarge: () => AppError,
) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Busboy stops at the limit and marks the stream truncated; leaving the loop stops the parser.
    if (stream.truncated || size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  if (stream.truncated) throw tooLarge();
  return Buffer.concat(chunks);
}
