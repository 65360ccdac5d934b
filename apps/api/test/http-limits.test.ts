// What a real client sees at the edges of HTTP (a listening server, raw sockets): over-long ids, headers
// too large and broken requests all answer in the one error shape, never the framework's own body.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type StoreFixture, type TestApp } from './harness.js';

/** Writes `request` on a fresh connection and returns everything the server sends until it closes. */
function rawExchange(port: number, request: string | Buffer, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no close within ${timeoutMs} ms: ${Buffer.concat(chunks).toString('latin1')}`));
    }, timeoutMs);
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => {
      /* a reset after the answer: what was received still counts */
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(Buffer.concat(chunks).toString('latin1'));
    });
    socket.write(request);
  });
}

/**
 * A client that writes its whole request (and a pipelined `GET /health`) before reading anything, as
 * simple HTTP clients do; then reads until `until` holds or the connection closes.
 */
function lateReader(
  port: number,
  data: Buffer,
  until: (text: string) => boolean,
  timeoutMs = 20_000,
): Promise<{ text: string; error?: string }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.pause();
    let text = '';
    let error: string | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ text, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(finish, timeoutMs);
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (until(text)) finish();
    });
    socket.on('error', (e) => {
      error = String(e);
    });
    socket.on('close', finish);
    socket.write(data, () => socket.resume());
  });
}

/** `body` as HTTP/1.1 chunks of 64 KB. */
function chunked(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < body.length; i += 65536) {
    const c = body.subarray(i, i + 65536);
    parts.push(Buffer.from(`${c.length.toString(16)}\r\n`), c, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** Status line and JSON body of the first response in `raw`. */
function parseResponse(raw: string): { status: number; headers: string; body: Record<string, unknown> } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(raw)?.[1]);
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split).toLowerCase();
  let body = raw.slice(split + 4);
  if (/transfer-encoding: chunked/.test(headers))
    body = body.replace(/^[0-9a-f]+\r\n/, '').replace(/\r\n0\r\n\r\n$/, '');
  return { status, headers, body: JSON.parse(body) as Record<string, unknown> };
}

function expectErrorShape(body: Record<string, unknown>, code: string) {
  expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  expect(body.error).toBe(code);
  expect(typeof body.message).toBe('string');
}

describe('HTTP edges over a real socket', () => {
  let t: TestApp;
  let s: StoreFixture;
  let base: string;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp();
    s = await seedStore(t, 'store-a', { tables: 1 });
    base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = Number(new URL(base).port);
  });
  afterAll(() => t.close());

  it('an id of 100 characters or 10 KB answers 404 not_found in the error shape', async () => {
    for (const id of ['1'.repeat(100), 'a'.repeat(1000), '9'.repeat(10_000)]) {
      for (const path of [`/api/v1/admin/orders/${id}`, `/api/v1/admin/tables/${id}/history`]) {
        const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${s.adminToken}` } });
        expect(res.status, `${path.slice(0, 40)}…`).toBe(404);
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        expectErrorShape((await res.json()) as Record<string, unknown>, 'not_found');
      }
    }
  });

  it('headers too large → 431 headers_too_large in the error shape', async () => {
    const raw = await rawExchange(
      port,
      `GET /api/v1/table/menu HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'x'.repeat(20_000)}\r\n\r\n`,
    );
    const res = parseResponse(raw);
    expect(res.status, raw.slice(0, 200)).toBe(431);
    expect(res.headers).toContain('content-type: application/json');
    expectErrorShape(res.body, 'headers_too_large');
  });

  it('a URL longer than the header limit → 431 headers_too_large, not the framework body', async () => {
    const raw = await rawExchange(
      port,
      `GET /api/v1/admin/orders/${'9'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
    );
    const res = parseResponse(raw);
    expect(res.status, raw.slice(0, 200)).toBe(431);
    expectErrorShape(res.body, 'headers_too_large');
  });

  const SIZES_MB = [1.5, 3, 6, 12];
  const bigJson = (mb: number) =>
    Buffer.from(JSON.stringify({ number: 5, password: 'x'.repeat(Math.round(mb * 1024 * 1024)) }));

  it('JSON bodies of 1.5 to 12 MB → 413 payload_too_large for fetch', async () => {
    for (const mb of SIZES_MB) {
      for (const [path, token] of [
        ['/api/v1/admin/tables', s.adminToken],
        ['/api/v1/auth/table/login', undefined],
      ] as const) {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: bigJson(mb),
        });
        expect(res.status, `${mb} MB ${path}`).toBe(413);
        expectErrorShape((await res.json()) as Record<string, unknown>, 'payload_too_large');
      }
    }
  });

  it('JSON bodies of 1.5 to 12 MB → 413 for a client that writes everything before reading, and the connection stays usable', async () => {
    for (const mb of SIZES_MB) {
      for (const encoding of ['content-length', 'chunked'] as const) {
        const body = bigJson(mb);
        const request = Buffer.concat([
          Buffer.from(
            `POST /api/v1/admin/tables HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.adminToken}\r\n` +
              `Content-Type: application/json\r\n` +
              (encoding === 'chunked' ? 'Transfer-Encoding: chunked' : `Content-Length: ${body.length}`) +
              '\r\n\r\n',
          ),
          encoding === 'chunked' ? chunked(body) : body,
          Buffer.from('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
        ]);
        const res = await lateReader(port, request, (text) => text.includes('"version"'));
        const label = `${mb} MB ${encoding}: ${res.error ?? ''} ${res.text.slice(0, 300)}`;
        expect(res.text, label).toMatch(/^HTTP\/1\.1 413 [^]*"error":"payload_too_large"[^]*HTTP\/1\.1 200 /);
      }
    }
  });

  it('past the bound (16 MB) the server answers 413 and then closes', async () => {
    const request = Buffer.concat([
      Buffer.from(
        `POST /api/v1/auth/admin/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${200 * 1024 * 1024}\r\n\r\n`,
      ),
      Buffer.alloc(24 * 1024 * 1024, 0x20),
    ]);
    const raw = await rawExchange(port, request);
    expect(raw).toMatch(/^HTTP\/1\.1 413 [^]*"error":"payload_too_large"/);
  });

  it('a broken request → 400 bad_request in the error shape', async () => {
    const raw = await rawExchange(port, 'GET / HTTP/1.1\r\nHost 127.0.0.1\r\nbroken\r\n\r\n');
    const res = parseResponse(raw);
    expect(res.status, raw.slice(0, 200)).toBe(400);
    expectErrorShape(res.body, 'bad_request');
  });
});
