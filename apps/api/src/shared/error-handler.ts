import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUnavailableError, isUniqueViolation } from '../infra/db-errors.js';
import { AppError, Errors } from './errors.js';
import { API_SECURITY_HEADERS } from './security-headers.js';

const FASTIFY_CODES: Record<string, () => AppError> = {
  FST_ERR_CTP_INVALID_JSON_BODY: () => Errors.malformedJson(),
  FST_ERR_CTP_EMPTY_JSON_BODY: () => Errors.malformedJson('The request body is empty but JSON was declared.'),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: () => Errors.unsupportedMediaType(),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: () => Errors.badRequest('The Content-Length header is wrong.'),
  FST_ERR_CTP_BODY_TOO_LARGE: () => Errors.payloadTooLarge(),
};

const bodyOf = (err: AppError) => ({
  error: err.code,
  message: err.message,
  ...(err.details ? { details: err.details } : {}),
});

/** Sends `err` in the one error shape; `status` overrides its own (Fastify's other 4xx errors). */
function send(reply: FastifyReply, err: AppError, status = err.status) {
  if (err.headers) void reply.headers(err.headers);
  return reply.status(status).send(bodyOf(err));
}

/**
 * Fastify's `frameworkErrors`: failures of the router itself, before any route or hook runs. A path
 * parameter that cannot be decoded (`%zz`) or is longer than `maxParamLength` names nothing: 404.
 * No `onSend` hook sees these answers, so the security headers are set here.
 */
export function frameworkErrors(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  let appError: AppError;
  if (err.code === 'FST_ERR_BAD_URL' || err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    appError = Errors.notFound('Resource');
  } else if ((err.statusCode ?? 500) < 500) {
    appError = Errors.badRequest();
  } else {
    request.log.error({ err }, 'router error');
    appError = Errors.internalError();
  }
  void send(reply.headers(API_SECURITY_HEADERS), appError);
}

/**
 * Fastify's `clientErrorHandler`: requests Node's HTTP parser refused (headers over `maxHeaderSize`,
 * broken framing, a request that took too long), answered on the raw socket in the one error shape
 * before the connection is closed.
 */
export function clientErrorHandler(
  this: { log: FastifyBaseLogger },
  err: Error & { code?: string },
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? Errors.headersTooLarge()
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? Errors.requestTimeout()
        : Errors.badRequest('The HTTP request is malformed.');
  this.log.debug({ err }, 'client error');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = JSON.stringify(bodyOf(appError));
  const headers = {
    ...API_SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  // Read and drop what the client still sends, so the answer is not lost to a reset; close soon after.
  socket.on('data', () => undefined);
  socket.resume();
  socket.end(`HTTP/1.1 ${appError.status} ${STATUS_CODES[appError.status] ?? ''}\r\n${head}\r\n${body}`);
  setTimeout(() => socket.destroy(), 2000).unref();
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
