// The baseline every figure is compared with: a minimal Fastify JSON handler, no logging, one process.
// `/bytes/:n` answers a JSON document of n bytes: the same handler with a response as large as the
// API's, to tell the cost of the bytes from the cost of the API's work.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
app.get('/', () => ({ hello: 'world' }));

const bodies = new Map<number, string>();
app.get<{ Params: { n: string } }>('/bytes/:n', (req, reply) => {
  const n = Math.min(Math.max(Number(req.params.n) || 0, 16), 1_000_000);
  let body = bodies.get(n);
  if (body === undefined) {
    body = JSON.stringify({ pad: 'x'.repeat(n - 10) });
    bodies.set(n, body);
  }
  return reply.type('application/json; charset=utf-8').send(body);
});

await app.listen({ port, host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
