import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished } from 'node:stream';
import type { FastifyInstance } from 'fastify';

/** How much of an unwanted body is read and dropped after an early answer, and for how long. */
const DISCARD_MAX_BYTES = 16 * 1024 * 1024;
const DISCARD_MAX_MS = 10_000;

/**
 * After an early answer (413, 415, 401, …), reads and discards what the client is still sending, so
 * that it can read the answer instead of seeing a reset connection, and the connection stays usable.
 * Past `maxBytes` or `maxMs` the connection is closed once the answer is out (write side first, fully a
 * moment later). Must start before the answer is sent: otherwise Node either drops the body unread,
 * without any bound, or (after Fastify's `Connection: close` on a refused body) closes on a client that
 * is still sending, which resets the connection.
 */
function discardRestOfBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes = DISCARD_MAX_BYTES,
  maxMs = DISCARD_MAX_MS,
): void {
  if (req.complete || req.destroyed) return;
  let seen = 0;
  let closing = false;
  const close = () => {
    if (closing) return;
    closing = true;
    req.off('data', onData);
    clearTimeout(timer);
    finished(res, () => {
      req.socket.end();
      setTimeout(() => req.socket.destroy(), 2000).unref();
    });
  };
  const onData = (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > maxBytes) close();
  };
  const timer = setTimeout(close, maxMs);
  timer.unref();
  req.on('data', onData);
  req.once('end', () => {
    clearTimeout(timer);
  });
  req.resume();
}

/**
 * Every answer sent before its request body was read (a body too large, a content type refused, an
 * unknown route, a hook's refusal) lets the client finish sending, up to the bound above; the connection
 * then stays open for the client's next request instead of being closed under it.
 */
export function installBodyDiscard(app: FastifyInstance): void {
  app.addHook('onSend', (request, reply, payload, done) => {
    if (!request.raw.complete && !request.raw.destroyed) {
      // Fastify asks to close after a refused body; reading the rest to the bound makes that unnecessary.
      if (reply.getHeader('connection') === 'close') reply.removeHeader('connection');
      discardRestOfBody(request.raw, reply.raw);
    }
    done(null, payload);
  });
}
