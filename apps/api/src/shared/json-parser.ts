import type { FastifyInstance } from 'fastify';

/**
 * The one body parser outside multipart uploads: `application/json` (with any parameters, e.g. a
 * charset) as Fastify parses it (prototype-poisoning safe), except that an empty body means "no body":
 * clients often send `Content-Type: application/json` on a body-less POST or DELETE (checkout, deletes),
 * which should not be a 400. Fastify's built-in `text/plain` parser is removed, so any other content
 * type, a JSON-looking `text/plain` body included, answers 415 `unsupported_media_type`.
 */
export function installJsonParser(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(null, undefined);
      return;
    }
    void parse(request, text, done);
  });
}
