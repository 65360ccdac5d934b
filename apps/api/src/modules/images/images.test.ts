// Menu images end to end: upload checks, re-encoding, both storage drivers, serving, menu use and GC.
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import type { ImageUploadResult } from '@table-order/contracts';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMysqlDatabase } from '../../../../../tests/support/mariadb.js';
import {
  TestClock,
  client,
  createTestApp,
  expectError,
  onMysql,
  seedStore,
  type ApiResponse,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';
import { runCommand } from '../../commands.js';
import { loadConfig } from '../../config/index.js';
import { migrateToLatest } from '../../db/migrator.js';
import { openDatabase } from '../../infra/db.js';
import { collectImageGarbage } from './images.gc.js';

const HOUR = 3_600_000;
const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
const PAYLOAD = '<?php system($_GET["c"]); ?><script>alert(1)</script>';

interface Part {
  name: string;
  filename?: string;
  type?: string;
  data: Buffer | string;
}

/** A multipart/form-data body built by hand, as a browser would send it. */
function multipartBody(parts: Part[]) {
  const boundary = `----to${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.type ? `Content-Type: ${p.type}\r\n` : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.data) ? p.data : Buffer.from(p.data));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Inserts a JPEG comment segment (COM) right after the start-of-image marker. */
function withJpegComment(jpeg: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment);
  const header = Buffer.from([0xff, 0xfe, (text.length + 2) >> 8, (text.length + 2) & 0xff]);
  return Buffer.concat([jpeg.subarray(0, 2), header, text, jpeg.subarray(2)]);
}

function restoreEnv(saved: { id: string | undefined; secret: string | undefined }) {
  if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
  else process.env.AWS_ACCESS_KEY_ID = saved.id;
  if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
  else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
}

/** Sends raw bytes over one connection; resolves when `done(text)` holds, the server closes, or time is up. */
function rawHttp(port: number, data: Buffer, done: (text: string) => boolean, timeoutMs = 15_000) {
  return new Promise<{ text: string; closedByServer: boolean }>((resolveExchange) => {
    const sock = connect(port, '127.0.0.1');
    let text = '';
    let settled = false;
    const finish = (closedByServer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      resolveExchange({ text, closedByServer });
    };
    const timer = setTimeout(() => {
      finish(false);
    }, timeoutMs);
    sock.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      if (done(text)) finish(false);
    });
    sock.on('close', () => {
      finish(true);
    });
    sock.on('error', () => {
      /* a reset after the server's bound is expected */
    });
    sock.write(data);
  });
}

const fixtures = {} as {
  photo: Buffer; // 2000×1000 JPEG with GPS EXIF
  png: Buffer; // 600×900 PNG
  webp: Buffer;
  other: Buffer; // another JPEG
  polyglot: Buffer; // JPEG with a script in a comment and appended
  bomb: Buffer; // 20000×20000 PNG, about 1 MB
};

beforeAll(async () => {
  const picture = (width: number, height: number, background: string) =>
    sharp({ create: { width, height, channels: 3, background } }).composite([
      {
        input: Buffer.from(
          `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#fff"/></svg>`,
        ),
      },
    ]);
  fixtures.photo = await picture(2000, 1000, '#c33')
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestCam' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '37/1 33/1 59/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '126/1 58/1 41/1',
      },
    })
    .toBuffer();
  fixtures.png = await picture(600, 900, '#3c3').png().toBuffer();
  fixtures.webp = await picture(300, 200, '#33c').webp().toBuffer();
  fixtures.other = await picture(640, 480, '#cc3').jpeg().toBuffer();
  fixtures.polyglot = Buffer.concat([withJpegComment(fixtures.other, PAYLOAD), Buffer.from(PAYLOAD)]);
  fixtures.bomb = await sharp({
    create: { width: 20_000, height: 20_000, channels: 3, background: '#000' },
    limitInputPixels: false,
  })
    .png()
    .toBuffer();
}, 60_000);

interface Suite {
  t: TestApp;
  a: StoreFixture;
  b: StoreFixture;
  upload(
    data: Buffer | string,
    opts?: { filename?: string; type?: string; token?: string; field?: string },
  ): Promise<ApiResponse<UploadBody>>;
}

type UploadBody = ImageUploadResult & { error?: string; message?: string };

/** A fresh app on `env` with two stores and an upload helper going through app.inject. */
async function setUp(env: Record<string, string>): Promise<Suite> {
  const t = await createTestApp(env, { clock: new TestClock(Date.now()) });
  const a = await seedStore(t, 'store-a', { tables: 1 });
  const b = await seedStore(t, 'store-b', { tables: 0 });
  return {
    t,
    a,
    b,
    async upload(data, opts = {}) {
      const { payload, contentType } = multipartBody([
        { name: 'note', data: 'from the test' },
        {
          name: opts.field ?? 'file',
          filename: opts.filename ?? 'photo.jpg',
          type: opts.type ?? 'image/jpeg',
          data,
        },
      ]);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/images',
        headers: { authorization: `Bearer ${opts.token ?? a.adminToken}`, 'content-type': contentType },
        payload,
      });
      return { status: res.statusCode, body: JSON.parse(res.body) as UploadBody, headers: res.headers };
    },
  };
}

describe('images on local storage', () => {
  let s: Suite;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-images-'));
    s = await setUp({ UPLOAD_DIR: dir });
  });
  afterAll(async () => {
    try {
      await s?.t.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('re-encodes a JPEG: WebP display ≤ 1024 px and 320 px thumbnail, no EXIF/GPS, stable key', async () => {
    const before = await sharp(fixtures.photo).metadata();
    expect(before.exif).toBeDefined();
    expect(before.exif!.includes(Buffer.from([0x25, 0x88]))).toBe(true); // GPS IFD pointer tag 0x8825

    const r = await s.upload(fixtures.photo);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.imageKey).toMatch(/^[a-f0-9]{32}$/);
    expect(r.body.url).toBe(`/uploads/${r.body.imageKey}.webp`);
    expect(r.body.thumbnailUrl).toBe(`/uploads/${r.body.imageKey}_thumb.webp`);

    const storage = s.t.runtime.ctx.storage;
    const display = await storage.get(r.body.imageKey, 'display');
    const thumb = await storage.get(r.body.imageKey, 'thumbnail');
    const dm = await sharp(display).metadata();
    const tm = await sharp(thumb).metadata();
    expect([dm.format, dm.width, dm.height]).toEqual(['webp', 1024, 512]);
    expect([tm.format, tm.width, tm.height]).toEqual(['webp', 320, 160]);
    for (const m of [dm, tm]) {
      expect(m.exif).toBeUndefined();
      expect(m.xmp).toBeUndefined();
    }
    expect(display!.includes(Buffer.from('TestCam'))).toBe(false);

    // Same picture, other name and declared type: same key, one row.
    const again = await s.upload(fixtures.photo, { filename: 'copy.png', type: 'image/png' });
    expect(again.status).toBe(201);
    expect(again.body.imageKey).toBe(r.body.imageKey);
    const rows = await s.t.runtime.ctx.db
      .selectFrom('images')
      .selectAll()
      .where('image_key', '=', r.body.imageKey)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ width: 1024, height: 512, bytes: display!.length });
  });

  it('accepts PNG and WebP by content and keeps small pictures at their size', async () => {
    const png = await s.upload(fixtures.png, { filename: 'menu.bin', type: 'application/octet-stream' });
    expect(png.status, JSON.stringify(png.body)).toBe(201);
    const pm = await sharp(await s.t.runtime.ctx.storage.get(png.body.imageKey, 'display')).metadata();
    expect([pm.width, pm.height]).toEqual([600, 900]);
    const pt = await sharp(await s.t.runtime.ctx.storage.get(png.body.imageKey, 'thumbnail')).metadata();
    expect([pt.width, pt.height]).toEqual([213, 320]);
    const webp = await s.upload(fixtures.webp, { filename: 'x.webp', type: 'image/webp' });
    expect(webp.status).toBe(201);
    const wm = await sharp(await s.t.runtime.ctx.storage.get(webp.body.imageKey, 'display')).metadata();
    expect([wm.width, wm.height]).toEqual([300, 200]);
    expect(png.body.imageKey).not.toBe(webp.body.imageKey);
  });

  it('refuses what is not a JPEG, PNG or WebP with 415 unsupported_image', async () => {
    const gif = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>';
    const cases: [Buffer | string, string, string][] = [
      ['just some text, not a picture', 'menu.png', 'image/png'],
      [svg, 'logo.svg', 'image/svg+xml'],
      [Buffer.from(svg), 'logo.png', 'image/png'],
      [gif, 'anim.gif', 'image/gif'],
      [gif, 'anim.jpg', 'image/jpeg'],
      [Buffer.alloc(0), 'empty.jpg', 'image/jpeg'],
      [`${PAYLOAD}\n`, 'shell.php.jpg', 'image/jpeg'],
    ];
    for (const [data, filename, type] of cases) {
      expectError(await s.upload(data, { filename, type }), 415, 'unsupported_image');
    }
  });

  it('refuses truncated and corrupt images with 422 invalid_image', async () => {
    expectError(
      await s.upload(fixtures.png.subarray(0, Math.floor(fixtures.png.length / 2))),
      422,
      'invalid_image',
    );
    expectError(
      await s.upload(fixtures.photo.subarray(0, Math.floor(fixtures.photo.length / 2))),
      422,
      'invalid_image',
    );
    const corrupt = Buffer.from(fixtures.png);
    corrupt.fill(0x41, 40, corrupt.length - 20);
    expectError(await s.upload(corrupt), 422, 'invalid_image');
    // Magic bytes alone are not an image.
    expectError(
      await s.upload(Buffer.concat([fixtures.png.subarray(0, 8), Buffer.from('hello')])),
      422,
      'invalid_image',
    );
  });

  it('refuses a decompression bomb (20000×20000 PNG) with 422 image_too_large', async () => {
    expect(fixtures.bomb.length).toBeLessThan(5 * 1024 * 1024);
    expectError(
      await s.upload(fixtures.bomb, { filename: 'bomb.png', type: 'image/png' }),
      422,
      'image_too_large',
    );
  });

  it('refuses more than 5 MB with 413 payload_too_large, exactly 5 MB is read', async () => {
    const big = Buffer.concat([fixtures.photo, randomBytes(6 * 1024 * 1024)]);
    expectError(await s.upload(big), 413, 'payload_too_large');
    // At the limit the file is read and judged by content (here: a JPEG with junk appended).
    const atLimit = Buffer.concat([fixtures.other, Buffer.alloc(5 * 1024 * 1024 - fixtures.other.length)]);
    expect((await s.upload(atLimit)).status).toBe(201);
  });

  it('strips a script hidden in a valid JPEG (comment and appended): stored bytes never carry it', async () => {
    const r = await s.upload(fixtures.polyglot, { filename: 'menu.php.jpg' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    for (const v of ['display', 'thumbnail'] as const) {
      const stored = (await s.t.runtime.ctx.storage.get(r.body.imageKey, v))!;
      expect(stored.includes(Buffer.from('<?php'))).toBe(false);
      expect(stored.includes(Buffer.from('<script'))).toBe(false);
    }
    const served = await s.t.app.inject({ url: r.body.url });
    expect(served.rawPayload.includes(Buffer.from('<script'))).toBe(false);
  });

  it('asks for a multipart body with the file in the field "file", for admins only', async () => {
    expectError(await s.upload(fixtures.other, { field: 'image' }), 422, 'validation_failed');
    const json = await s.a.admin.post('/api/v1/admin/images', { file: fixtures.other.toString('base64') });
    expectError(json, 415);
    const raw = await s.t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/images',
      headers: { authorization: `Bearer ${s.a.adminToken}`, 'content-type': 'image/jpeg' },
      payload: fixtures.other,
    });
    expect(raw.statusCode).toBe(415);
    const broken = await s.t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/images',
      headers: {
        authorization: `Bearer ${s.a.adminToken}`,
        'content-type': 'multipart/form-data; boundary=xyz',
      },
      payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
    });
    expectError(
      { status: broken.statusCode, body: JSON.parse(broken.body), headers: broken.headers },
      400,
      'malformed_multipart',
    );
    const manyParts = multipartBody([
      ...Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, data: 'x' })),
      { name: 'file', filename: 'a.jpg', type: 'image/jpeg', data: fixtures.other },
    ]);
    const parts = await s.t.app.inject({
      method: 'POST',
      url: '/api/v1/admin/images',
      headers: { authorization: `Bearer ${s.a.adminToken}`, 'content-type': manyParts.contentType },
      payload: manyParts.payload,
    });
    expect([parts.statusCode, (JSON.parse(parts.body) as { error: string }).error]).toEqual([
      413,
      'payload_too_large',
    ]);
    expectError(await s.upload(fixtures.other, { token: 'nope' }), 401);
    const login = await client(s.t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: 'store-a',
      tableNumber: 1,
      password: 'pw-1',
    });
    expectError(await s.upload(fixtures.other, { token: login.body.accessToken }), 403);
  });

  it('serves uploads under /uploads/ with an immutable year-long cache header', async () => {
    const r = await s.upload(fixtures.webp);
    const res = await s.t.app.inject({ url: r.body.thumbnailUrl });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.rawPayload.equals((await s.t.runtime.ctx.storage.get(r.body.imageKey, 'thumbnail'))!)).toBe(
      true,
    );
    expect((await s.t.app.inject({ url: '/uploads/0123456789abcdef0123456789abcdef.webp' })).statusCode).toBe(
      404,
    );
    // Path traversal never reaches files outside the upload folder (at most the SPA's index.html answers).
    const traversal = await s.t.app.inject({ url: '/uploads/../package.json' });
    expect(traversal.body).not.toContain('"workspaces"');
    expect([200, 404]).toContain(traversal.statusCode); // the SPA's index.html when built, else a 404
    // The atomic-write temp files (dot names) are never served.
    writeFileSync(join(dir, '.secret.tmp'), 'x');
    expect((await s.t.app.inject({ url: '/uploads/.secret.tmp' })).statusCode).toBe(404);
  });

  it('menu items take an image key: set, replace, remove; unknown or foreign keys are 422', async () => {
    const first = (await s.upload(fixtures.other)).body.imageKey;
    const second = (await s.upload(fixtures.webp)).body.imageKey;
    const id = s.a.items[0]!.id;
    const set = await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: first });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({
      imageKey: first,
      imageUrl: `/uploads/${first}.webp`,
      thumbnailUrl: `/uploads/${first}_thumb.webp`,
    });
    const tab = await s.a.tableClient(1);
    const menuItem = async () =>
      (await tab.get('/api/v1/table/menu')).body.categories
        .flatMap((c: { items: { id: number }[] }) => c.items)
        .find((i: { id: number }) => i.id === id);
    expect(await menuItem()).toMatchObject({ thumbnailUrl: `/uploads/${first}_thumb.webp` });

    const replaced = await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: second });
    expect(replaced.body.imageKey).toBe(second);
    expect(await menuItem()).toMatchObject({ imageUrl: `/uploads/${second}.webp` });

    const removed = await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: null });
    expect(removed.body).toMatchObject({ imageKey: null, imageUrl: null, thumbnailUrl: null });
    expect(await menuItem()).toMatchObject({ imageUrl: null, thumbnailUrl: null });

    expectError(
      await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: 'ab'.repeat(16) }),
      422,
      'unknown_image',
    );
    // A key uploaded by another store is unknown to this one.
    const onlyB = await sharp({ create: { width: 50, height: 50, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const foreign = (await s.upload(onlyB, { token: s.b.adminToken })).body.imageKey;
    expectError(
      await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: foreign }),
      422,
      'unknown_image',
    );
    expect(
      (await s.b.admin.patch(`/api/v1/admin/menu-items/${s.b.items[0]!.id}`, { imageKey: foreign })).status,
    ).toBe(200);
    expectError(
      await s.a.admin.patch(`/api/v1/admin/menu-items/${id}`, { imageKey: '../../etc/passwd' }),
      422,
    );
    const created = await s.a.admin.post('/api/v1/admin/menu-items', {
      categoryId: s.a.categories[0]!.id,
      name: '사진 메뉴',
      price: 1000,
      imageKey: first,
    });
    expect(created.status).toBe(201);
    expect(created.body.thumbnailUrl).toBe(`/uploads/${first}_thumb.webp`);
  });

  it('answers 413 to a real client still sending an oversized body', async () => {
    await s.t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = s.t.app.server.address() as { port: number };
    const form = new FormData();
    form.append('file', new Blob([fixtures.photo, randomBytes(6 * 1024 * 1024)]), 'big.jpg');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/admin/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.a.adminToken}` },
      body: form,
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
    // A client that writes everything before reading: the rest of the body is read and discarded, so
    // the 413 arrives and the next request on the same connection is answered.
    const { payload, contentType } = multipartBody([
      { name: 'file', filename: 'big.jpg', type: 'image/jpeg', data: randomBytes(6 * 1024 * 1024) },
    ]);
    const pipelined = Buffer.concat([
      Buffer.from(
        `POST /api/v1/admin/images HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.a.adminToken}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${payload.length}\r\n\r\n`,
      ),
      payload,
      Buffer.from('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'),
    ]);
    const both = await rawHttp(port, pipelined, (text) => text.includes('"version"'));
    expect(both.text).toMatch(/^HTTP\/1\.1 413 [^]*payload_too_large[^]*HTTP\/1\.1 200 /);
    // Past the bound the server stops reading and closes, after the answer.
    const endless = Buffer.concat([
      Buffer.from(
        `POST /api/v1/admin/images HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${s.a.adminToken}\r\n` +
          `Content-Type: ${contentType}\r\nContent-Length: ${200 * 1024 * 1024}\r\n\r\n`,
      ),
      randomBytes(40 * 1024 * 1024),
    ]);
    const cut = await rawHttp(port, endless, () => false);
    expect(cut.closedByServer).toBe(true);
    expect(cut.text).toMatch(/^HTTP\/1\.1 413 [^]*payload_too_large/);

    const ok = new FormData();
    ok.append('file', new Blob([fixtures.webp]), 'ok.webp');
    const res2 = await fetch(`http://127.0.0.1:${port}/api/v1/admin/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.a.adminToken}` },
      body: ok,
    });
    expect(res2.status).toBe(201);
    // A body declared far too large is refused before it is read.
    const huge = new FormData();
    huge.append('file', new Blob([randomBytes(40 * 1024 * 1024)]), 'huge.jpg');
    const res3 = await fetch(`http://127.0.0.1:${port}/api/v1/admin/images`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.a.adminToken}` },
      body: huge,
    }).catch((err: unknown) => err);
    expect(res3 instanceof Response ? res3.status : res3).toBe(413);
  });

  it('GC removes unused images older than 24 h, keeps used and young ones', async () => {
    const { db, storage } = s.t.runtime.ctx;
    const used = (await s.upload(fixtures.photo)).body.imageKey;
    await s.a.admin.patch(`/api/v1/admin/menu-items/${s.a.items[1]!.id}`, { imageKey: used });
    const unused = (await s.upload(fixtures.png)).body.imageKey;
    const onDeleted = (await s.upload(fixtures.polyglot)).body.imageKey;
    await s.a.admin.patch(`/api/v1/admin/menu-items/${s.a.items[2]!.id}`, { imageKey: onDeleted });
    expect((await s.a.admin.delete(`/api/v1/admin/menu-items/${s.a.items[2]!.id}`)).status).toBe(204);
    // Store b uploads the picture store a uses, and does not use it: b's record goes, the files stay.
    expect((await s.upload(fixtures.photo, { token: s.b.adminToken })).body.imageKey).toBe(used);
    // Files without any record (an interrupted upload) and a stranger's file in the folder.
    const orphan = 'f'.repeat(32);
    await storage.put(orphan, 'display', Buffer.from('x'));
    writeFileSync(join(dir, 'keep-me.txt'), 'not ours');

    const now = s.t.clock.now();
    // Everything is younger than a day: nothing goes.
    expect(await collectImageGarbage({ db, storage }, { now: now + HOUR })).toEqual({
      records: [],
      files: [],
    });

    const result = await collectImageGarbage({ db, storage }, { now: now + 25 * HOUR });
    const storeB = (
      await db.selectFrom('stores').select('id').where('identifier', '=', 'store-b').executeTakeFirstOrThrow()
    ).id;
    expect(result.records).toEqual(
      expect.arrayContaining([
        { storeId: expect.any(Number), key: unused },
        { storeId: expect.any(Number), key: onDeleted },
        { storeId: storeB, key: used },
      ]),
    );
    expect(result.records.some((r) => r.key === used && r.storeId !== storeB)).toBe(false);
    expect(result.files).toEqual(expect.arrayContaining([unused, onDeleted, orphan]));
    expect(result.files).not.toContain(used);

    expect(await storage.get(unused, 'display')).toBeUndefined();
    expect(await storage.get(unused, 'thumbnail')).toBeUndefined();
    expect(await storage.get(orphan, 'display')).toBeUndefined();
    expect(await storage.get(used, 'display')).toBeDefined();
    expect((await s.t.app.inject({ url: `/uploads/${used}_thumb.webp` })).statusCode).toBe(200);
    expect(readdirSync(dir)).toContain('keep-me.txt');
    const left = await db
      .selectFrom('images')
      .select(['store_id', 'image_key'])
      .where('image_key', 'in', [used, unused, onDeleted])
      .execute();
    expect(left.map((r) => r.image_key)).toEqual([used]);
    expect(await collectImageGarbage({ db, storage }, { now: now + 25 * HOUR })).toMatchObject({
      records: [],
    });
  });
});

describe('images on S3 (s3rver)', () => {
  let s: Suite;
  let s3dir: string;
  let server: S3rver;
  let endpoint: string;
  let sdk: S3Client;
  const bucket = 'menu-images';
  const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };

  beforeAll(async () => {
    s3dir = mkdtempSync(join(tmpdir(), 'to-s3rver-'));
    server = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3dir,
      configureBuckets: [{ name: bucket }],
    });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
    // The storage driver takes credentials from the SDK's default chain, as in production.
    process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
    s = await setUp({ AWS_S3_BUCKET: bucket, AWS_S3_ENDPOINT: endpoint, AWS_REGION: 'us-east-1' });
    sdk = new S3Client({
      region: 'us-east-1',
      endpoint,
      forcePathStyle: true,
      credentials: S3_CREDENTIALS,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  });
  afterAll(async () => {
    try {
      sdk?.destroy();
      s?.t.runtime.ctx.storage.close();
      await s?.t.close();
      await server?.close();
    } finally {
      rmSync(s3dir, { recursive: true, force: true });
      restoreEnv(saved);
    }
  });

  it('round-trips bytes exactly through the SDK, with the cache and type headers', async () => {
    const storage = s.t.runtime.ctx.storage;
    expect(storage.driver).toBe('s3');
    const key = randomBytes(16).toString('hex');
    const bytes = randomBytes(200_000);
    await storage.put(key, 'display', bytes);
    expect((await storage.get(key, 'display'))!.equals(bytes)).toBe(true);
    const direct = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: `${key}.webp` }));
    expect(Buffer.from(await direct.Body!.transformToByteArray()).equals(bytes)).toBe(true);
    const head = await sdk.send(new HeadObjectCommand({ Bucket: bucket, Key: `${key}.webp` }));
    expect(head.ContentType).toBe('image/webp');
    expect(head.CacheControl).toBe('public, max-age=31536000, immutable');
    expect(head.ContentLength).toBe(bytes.length);
    expect((await storage.list()).map((o) => o.key)).toContain(key);
    await storage.delete(key);
    expect(await storage.get(key, 'display')).toBeUndefined();
    expect(await storage.get(key, 'thumbnail')).toBeUndefined();
  });

  it('stores uploads in the bucket with bucket URLs, readable over HTTP', async () => {
    const r = await s.upload(fixtures.photo);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.url).toBe(`${endpoint}/${bucket}/${r.body.imageKey}.webp`);
    expect(r.body.thumbnailUrl).toBe(`${endpoint}/${bucket}/${r.body.imageKey}_thumb.webp`);
    const res = await fetch(r.body.thumbnailUrl);
    expect(res.status).toBe(200);
    const thumb = Buffer.from(await res.arrayBuffer());
    expect((await sharp(thumb).metadata()).width).toBe(320);
    expect(thumb.equals((await s.t.runtime.ctx.storage.get(r.body.imageKey, 'thumbnail'))!)).toBe(true);
    const display = (await s.t.runtime.ctx.storage.get(r.body.imageKey, 'display'))!;
    const dm = await sharp(display).metadata();
    expect([dm.format, dm.width, dm.exif]).toEqual(['webp', 1024, undefined]);
    // No /uploads route when the images live in S3.
    expect((await s.t.app.inject({ url: `/uploads/${r.body.imageKey}.webp` })).statusCode).toBe(404);
    // Same picture again: same key.
    expect((await s.upload(fixtures.photo, { filename: 'again.jpeg' })).body.imageKey).toBe(r.body.imageKey);
    const polyglot = await s.upload(fixtures.polyglot);
    expect(polyglot.status).toBe(201);
    const stored = (await s.t.runtime.ctx.storage.get(polyglot.body.imageKey, 'display'))!;
    expect(stored.includes(Buffer.from('<script'))).toBe(false);
  });

  it('GC deletes unused objects older than 24 h and leaves used and foreign ones', async () => {
    const { db, storage } = s.t.runtime.ctx;
    const used = (await s.upload(fixtures.other)).body.imageKey;
    await s.a.admin.patch(`/api/v1/admin/menu-items/${s.a.items[0]!.id}`, { imageKey: used });
    const unused = (await s.upload(fixtures.webp)).body.imageKey;
    await sdk.send(new PutObjectCommand({ Bucket: bucket, Key: 'other/readme.txt', Body: Buffer.from('x') }));
    const result = await collectImageGarbage({ db, storage }, { now: s.t.clock.now() + 25 * HOUR });
    expect(result.files).toContain(unused);
    expect(result.files).not.toContain(used);
    expect(await storage.get(unused, 'display')).toBeUndefined();
    expect(await storage.get(used, 'thumbnail')).toBeDefined();
    const other = await sdk.send(new GetObjectCommand({ Bucket: bucket, Key: 'other/readme.txt' }));
    expect(await other.Body!.transformToString()).toBe('x');
  });
});

describe('images with S3 unreachable', () => {
  it('answers 503 service_unavailable and records nothing', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = S3_CREDENTIALS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = S3_CREDENTIALS.secretAccessKey;
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const { port } = probe.address() as { port: number };
    await new Promise((done) => probe.close(done));
    let s: Suite | undefined;
    try {
      s = await setUp({ AWS_S3_BUCKET: 'menu-images', AWS_S3_ENDPOINT: `http://127.0.0.1:${port}` });
      expectError(await s.upload(fixtures.webp), 503, 'service_unavailable');
      expect(await s.t.runtime.ctx.db.selectFrom('images').selectAll().execute()).toEqual([]);
    } finally {
      s?.t.runtime.ctx.storage.close();
      await s?.t.close();
      restoreEnv(saved);
    }
  });
});

describe('npm run images:gc', () => {
  it('removes old unused images and prints what it removed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'to-images-gc-'));
    const mysql = onMysql ? await createMysqlDatabase() : undefined;
    const env = {
      NODE_ENV: 'test',
      DATABASE_URL: mysql?.url ?? `sqlite:${join(dir, 'gc.db')}`,
      UPLOAD_DIR: join(dir, 'uploads'),
    };
    try {
      // Two days ago: a recorded image nobody uses. Now: files without a record (an upload in progress).
      const old = 'a'.repeat(32);
      const young = 'b'.repeat(32);
      const twoDaysAgo = Date.now() - 48 * HOUR;
      const handle = openDatabase(loadConfig(env).database);
      await migrateToLatest(handle.db);
      await handle.db
        .insertInto('images')
        .values({ store_id: 7, image_key: old, width: 1, height: 1, bytes: 1, created_at: twoDaysAgo })
        .execute();
      await handle.close();
      mkdirSync(env.UPLOAD_DIR);
      for (const name of [`${old}.webp`, `${old}_thumb.webp`, `${young}.webp`]) {
        writeFileSync(join(env.UPLOAD_DIR, name), 'x');
      }
      for (const name of [`${old}.webp`, `${old}_thumb.webp`]) {
        utimesSync(join(env.UPLOAD_DIR, name), twoDaysAgo / 1000, twoDaysAgo / 1000);
      }

      const stdout = await runCommand(['images:gc'], env);
      expect(stdout).toContain(`removed image ${old} from store 7`);
      expect(stdout).toContain(`deleted files ${old}.webp, ${old}_thumb.webp`);
      expect(stdout).toContain('Removed 1 image record(s) and the files of 1 image(s).');
      expect(readdirSync(env.UPLOAD_DIR)).toEqual([`${young}.webp`]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await mysql?.drop();
    }
  });
});
