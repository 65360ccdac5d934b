import multipart from '@fastify/multipart';
import { ErrorBody, ImageUploadResult } from '@table-order/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { adminOf, requireAdmin, requireOwner } from '../auth/index.js';
import { MAX_UPLOAD_BYTES, uploadTooLarge } from './images.pipeline.js';
import { ImageService } from './images.service.js';
import { multipartLimits, readUploadedFile } from './multipart-upload.js';

// Multipart overhead allowed on top of the file when judging a declared Content-Length.
const MULTIPART_SLACK = 64 * 1024;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: ErrorBody } },
});

/** `POST /admin/images`: multipart upload of a menu image (owners only). */
export function imagesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const service = new ImageService(ctx);

  return async (app) => {
    // Scoped to this plugin: no other route accepts multipart bodies.
    await app.register(multipart, { limits: multipartLimits(MAX_UPLOAD_BYTES) });

    // A body declared too large is refused before any of it is read.
    app.addHook('onRequest', async (req) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > MAX_UPLOAD_BYTES + MULTIPART_SLACK) throw uploadTooLarge();
      return Promise.resolve();
    });
    // Whatever is answered early, the client may finish sending (shared/discard-body.ts, for every route).
    app.addHook('preHandler', requireAdmin(ctx));

    app.post(
      '/admin/images',
      {
        // Images serve the menu editor: owners only.
        preHandler: requireOwner,
        schema: {
          tags: ['admin: menu'],
          summary: 'Upload a menu image',
          description:
            'JPEG, PNG or WebP (recognised by content, not by name or declared type), at most 5 MB and ' +
            '40 megapixels. Re-encoded to WebP without metadata: a display size (longest side ≤ 1024 px) ' +
            'and a thumbnail (≤ 320 px). The key follows the content: the same file gives the same key.',
          consumes: ['multipart/form-data'],
          body: z.object({ file: z.string().meta({ format: 'binary', description: 'The image file' }) }),
          response: {
            201: {
              description: 'The stored image: put `imageKey` on a menu item',
              content: { 'application/json': { schema: ImageUploadResult } },
            },
            400: error('`malformed_multipart`: the multipart body is broken'),
            401: error('`unauthorized`: no valid admin token'),
            403: error('`forbidden`: a table token, or a staff account'),
            413: error('`payload_too_large`: the file is larger than 5 MB'),
            415: error(
              '`unsupported_image`: not a JPEG, PNG or WebP (SVG, GIF, text…); `unsupported_media_type`: not multipart',
            ),
            422: error(
              '`invalid_image`: damaged or truncated; `image_too_large`: more than 40 megapixels; ' +
                '`validation_failed`: no file in the field `file`',
            ),
            503: error('`service_unavailable`: storage or database unreachable'),
          },
        },
        // The body is a stream read by the handler; the schema above only documents it.
        validatorCompiler: () => (value: unknown) => ({ value }),
      },
      async (req, reply) => {
        const bytes = await readUploadedFile(req, 'file', MAX_UPLOAD_BYTES, uploadTooLarge);
        return reply.status(201).send(await service.upload(adminOf(req).storeId, bytes));
      },
    );
    return Promise.resolve();
  };
}
