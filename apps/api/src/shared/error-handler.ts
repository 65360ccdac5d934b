import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUnavailableError, isUniqueViolation } from '../infra/db-errors.js';
import { AppError, Errors } from './errors.js';

const FASTIFY_CODES: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => Errors.malformedJson(),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => Errors.malformedJson('The request body is empty but JSON was declared.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => Errors.unsupportedMediaType(),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => Errors.badRequest('The Content-Length header is wrong.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => Errors.payloadTooLarge(),
};

/** Sends `err` in the one error shape; `status` overrides its own (Fastify's other 4xx errors). */
function send(reply: FastifyReply, err: AppError, status = err.status) {
  if (err.headers) void reply.headers(err.headers);
  return reply.status(status).send({
    error: err.code,
    message: err.message,
    ...(err.details ? { details: err.details } : {}),
  });
}

/** Installs the one error handler and the 404 handler; every error body is `{error, message, details?}`. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof AppError) return send(reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      if (err.validationContext === 'params') return send(reply, Errors.notFound());
      const details = err.validation.map((v) => ({
        field: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: v.message,
      }));
      return send(
        reply,
        Errors.validationFailed(
          `Invalid ${err.validationContext ?? 'request'}: ${details.map((d) => `${d.field || '(root)'} ${d.message ?? ''}`.trim()).join('; ')}`,
          details,
        ),
      );
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return send(reply, known());
    if (isUnavailableError(err)) {
      request.log.warn({ err }, 'dependency unavailable');
      return send(
        reply,
        Errors.serviceUnavailable('The service is temporarily unavailable. Try again shortly.'),
      );
    }
    if (isUniqueViolation(err)) return send(reply, Errors.conflict());
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const typed =
        status === 413
          ? Errors.payloadTooLarge(err.message)
          : status === 415
            ? Errors.unsupportedMediaType(err.message)
            : Errors.badRequest(err.message);
      return send(reply, typed, status);
    }
    request.log.error({ err }, 'unhandled error');
    return send(reply, Errors.internalError());
  });

  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      Errors.notFound('Route', `No route for ${request.method} ${request.url.split('?')[0] ?? ''}.`),
    ),
  );
}
