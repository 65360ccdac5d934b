// Attack 9: property-based fuzzing (fast-check) of every JSON endpoint, generated from the OpenAPI
// document. Every generated request must get an answer below 500 in the one error shape, and a refused
// request must leave every row of the database as it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, seedStore, type TestApp } from '../../apps/api/test/harness.js';
import { ResultsFile } from '../support/figures.js';
import { errorShapeProblem, http, tableLogin, adminLogin } from '../support/http.js';
import {
  CONTENT_TYPES,
  NASTY_STRINGS,
  RAW_BODIES,
  brokenObjectOf,
  validOf,
  wrongOf,
  type JsonSchema,
} from '../support/schema-arb.js';
import { Secrets, logLines } from '../support/secrets.js';
import { seedDatabase } from '../support/seed.js';
import { ApiProcess } from '../support/api-server.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const results = new ResultsFile('security', import.meta.url);
const TOTAL_INJECT = 10_000;
const TOTAL_HTTP = 1_000;
const SEED = 20_260_309;

interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  required?: boolean;
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  who: 'public' | 'admin' | 'table';
  parameters: Parameter[];
  body?: JsonSchema;
  multipart: boolean;
}
interface Tokens {
  adminA: string;
  adminB: string;
  tableA: string;
  tableB: string;
}
interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
  remote: string;
}

const JUNK_IDS = [
  'abc',
  '-5',
  '0',
  '1e3',
  '0x1A',
  '1.0',
  '..',
  '%00',
  '9'.repeat(40),
  "1'or'1'='1",
  ' 1',
  '１',
];
const JUNK_HEADER = [
  '',
  'short',
  'x'.repeat(150),
  'has space',
  'quote\'"',
  '../..',
  'ünïcode'.normalize('NFD'),
];

/** The operations of the OpenAPI document that take and give JSON (not the live event streams). */
function operationsOf(doc: {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: JsonSchema }> } }
    >
  >;
}): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(() => !path.endsWith('/events'))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        who: path.startsWith('/api/v1/auth/')
          ? ('public' as const)
          : path.startsWith('/api/v1/admin/')
            ? ('admin' as const)
            : ('table' as const),
        parameters: op.parameters ?? [],
        ...(op.requestBody?.content['application/json']
          ? { body: op.requestBody.content['application/json'].schema }
          : {}),
        multipart: Boolean(op.requestBody?.content['multipart/form-data']),
      })),
  );
}

const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
const asParam = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** One generated request for an operation: identity, path, query, headers and body all fuzzed. */
function requestOf(op: Operation, tokens: Tokens): fc.Arbitrary<GeneratedRequest> {
  const bearer = (t: string) => `Bearer ${t}`;
  const own = op.who === 'table' ? tokens.tableA : tokens.adminA;
  const auth = fc.oneof(
    { weight: 8, arbitrary: fc.constant<string | undefined>(op.who === 'public' ? undefined : bearer(own)) },
    {
      weight: 2,
      arbitrary: fc.constantFrom<string | undefined>(
        undefined,
        bearer(tokens.adminB),
        bearer(tokens.tableB),
        bearer(op.who === 'table' ? tokens.adminA : tokens.tableA),
        'Bearer not.a.token',
        `Bearer ${own}x`,
        'Basic YWRtaW46YWRtaW4=',
      ),
    },
  );
  const id = fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 40 }).map(String) },
    { weight: 1, arbitrary: fc.integer().map(String) },
    { weight: 2, arbitrary: fc.constantFrom(...JUNK_IDS).map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map(encodeURIComponent) },
  );
  const query = op.parameters.filter((p) => p.in === 'query');
  const queryArb = fc
    .tuple(
      ...query.map((p) =>
        fc.option(
          fc.oneof({ weight: 3, arbitrary: validOf(p.schema) }, { weight: 2, arbitrary: wrongOf(p.schema) }),
          {
            nil: undefined,
          },
        ),
      ),
      fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.string({ maxLength: 8 })), {
        nil: undefined,
      }),
    )
    .map((values) => {
      const q = new URLSearchParams();
      query.forEach((p, i) => {
        const v = values[i];
        if (v !== undefined) q.append(p.name, asParam(v));
      });
      const extra = values[query.length] as [string, string] | undefined;
      if (extra) q.append(extra[0], extra[1]);
      const s = q.toString();
      return s ? `?${s}` : '';
    });
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const headersArb = fc
    .tuple(
      ...headerParams.map((p) =>
        fc.option(
          fc.oneof(
            { weight: 3, arbitrary: validOf(p.schema).map((v) => printable(asParam(v))) },
            { weight: 1, arbitrary: fc.constantFrom(...JUNK_HEADER).map(printable) },
          ),
          { nil: undefined },
        ),
      ),
    )
    .map((values) => {
      const h: Record<string, string> = {};
      headerParams.forEach((p, i) => {
        const v = values[i];
        if (v !== undefined) h[p.name] = v;
      });
      return h;
    });
  const json = (a: fc.Arbitrary<unknown>) =>
    a.map((v) => ({ payload: JSON.stringify(v) ?? 'null', type: 'application/json' }));
  const rawBody = fc.record({
    payload: fc.constantFrom(...RAW_BODIES),
    type: fc.constantFrom(...CONTENT_TYPES),
  });
  const bodyArb: fc.Arbitrary<{ payload: string; type: string } | undefined> = op.body
    ? fc.oneof(
        { weight: 4, arbitrary: json(validOf(op.body)) },
        { weight: 4, arbitrary: json(brokenObjectOf(op.body)) },
        { weight: 1, arbitrary: json(wrongOf(op.body)) },
        { weight: 1, arbitrary: rawBody },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: json(fc.jsonValue({ maxDepth: 2 })) },
        { weight: 1, arbitrary: rawBody },
        {
          weight: op.multipart ? 2 : 0,
          arbitrary: fc.record({
            payload: fc.constantFrom(
              '--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nnot an image\r\n--xyz--\r\n',
              '--xyz--',
              '',
            ),
            type: fc.constant('multipart/form-data; boundary=xyz'),
          }),
        },
      );
  return fc
    .record({
      auth,
      ids: fc.array(id, { minLength: 2, maxLength: 2 }),
      query: queryArb,
      headers: headersArb,
      body: bodyArb,
      remote: fc.integer({ min: 1, max: 60_000 }),
      etag: fc.option(fc.constantFrom('"abc"', '*', 'W/"1"', printable(NASTY_STRINGS[3]!)), {
        nil: undefined,
      }),
    })
    .map((r) => ({
      method: op.method,
      url: op.path.replace('{id}', r.ids[0]!) + r.query,
      headers: {
        ...r.headers,
        ...(r.auth ? { authorization: r.auth } : {}),
        ...(r.body ? { 'content-type': r.body.type } : {}),
        ...(r.etag && op.method === 'GET' ? { 'if-none-match': r.etag } : {}),
      },
      ...(r.body ? { payload: r.body.payload } : {}),
      remote: `10.${(r.remote >> 16) & 255}.${(r.remote >> 8) & 255}.${r.remote & 255}`,
    }));
}

/** What every answer must satisfy; returns a problem or undefined. */
function answerProblem(status: number, contentType: string | undefined, body: string): string | undefined {
  if (status >= 500) return `status ${status}: ${body.slice(0, 300)}`;
  if (status >= 400) {
    if (!(contentType ?? '').includes('application/json'))
      return `error without JSON content type (${contentType})`;
    return errorShapeProblem(body);
  }
  if (status === 204 || status === 304) return body === '' ? undefined : `body on ${status}`;
  // The sales CSV export (SPEC 13): text with a BOM and its Korean header row, not JSON.
  if ((contentType ?? '').startsWith('text/csv'))
    return body.replace(/^\uFEFF/, '').startsWith('날짜,시간,주문번호,')
      ? undefined
      : `CSV without its header: ${body.slice(0, 100)}`;
  try {
    JSON.parse(body);
  } catch {
    return `2xx body is not JSON: ${body.slice(0, 100)}`;
  }
  return undefined;
}

describe('A9: property-based fuzzing of every JSON endpoint', () => {
  let operations: Operation[] = [];

  beforeAll(async () => {
    const t = await createTestApp();
    try {
      operations = operationsOf(JSON.parse((await t.app.inject({ url: '/openapi.json' })).body));
    } finally {
      await t.close();
    }
    // Harmless writes first, and the ones that revoke tokens or delete fixtures last.
    const rank = (o: Operation) =>
      ({ GET: 0, POST: 1, PUT: 2, PATCH: 3, DELETE: 4 })[o.method as 'GET'] * 10 +
      (o.path.includes('/tables') ? 5 : 0);
    operations.sort((a, b) => rank(a) - rank(b));
  });

  /** A fresh app on SQLite with two stores, their tokens, and audit triggers on every table but login_failures. */
  async function fixture(): Promise<{
    t: TestApp;
    tokens: Tokens;
    writes: () => Promise<number>;
    dump: () => Promise<string>;
  }> {
    const t = await createTestApp();
    const a = await seedStore(t, 'store-a', { tables: 3 });
    const b = await seedStore(t, 'store-b', { tables: 2 });
    const login = async (store: string, n: number) =>
      (
        JSON.parse(
          (
            await t.app.inject({
              method: 'POST',
              url: '/api/v1/auth/table/login',
              payload: { storeIdentifier: store, tableNumber: n, password: `pw-${n}` },
            })
          ).body,
        ) as { accessToken: string }
      ).accessToken;
    const tokens = {
      adminA: a.adminToken,
      adminB: b.adminToken,
      tableA: await login('store-a', 1),
      tableB: await login('store-b', 1),
    };
    // Some history and open orders to be refused against.
    for (const token of [tokens.tableA, tokens.tableB]) {
      const menu = JSON.parse(
        (await t.app.inject({ url: '/api/v1/table/menu', headers: { authorization: `Bearer ${token}` } }))
          .body,
      ) as {
        categories: { items: { id: number }[] }[];
      };
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/table/orders',
        headers: { authorization: `Bearer ${token}` },
        payload: { items: [{ menuItemId: menu.categories[0]!.items[0]!.id, quantity: 2 }], note: 'fixture' },
      });
      expect(r.statusCode).toBe(201);
    }
    const db = t.runtime.ctx.db;
    const tables = (
      await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`.execute(
        db,
      )
    ).rows
      .map((r) => r.name)
      .filter((n) => n !== 'login_failures');
    await sql`create table fuzz_audit (id integer primary key autoincrement, tbl text not null)`.execute(db);
    for (const name of tables) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql
          .raw(
            `create trigger fuzz_${name}_${op} after ${op} on ${name} begin insert into fuzz_audit (tbl) values ('${name}'); end`,
          )
          .execute(db);
      }
    }
    return {
      t,
      tokens,
      writes: async () =>
        Number(
          (await sql<{ n: number }>`select coalesce(max(id), 0) as n from fuzz_audit`.execute(db)).rows[0]
            ?.n ?? 0,
        ),
      dump: async () => {
        const parts: string[] = [];
        for (const name of tables)
          parts.push(
            JSON.stringify((await sql.raw(`select * from ${name} order by rowid`).execute(db)).rows),
          );
        return parts.join('\n');
      },
    };
  }

  it(`answers ${TOTAL_INJECT} generated requests below 500, in the error shape, and changes nothing it refuses`, async () => {
    const scenario = await results.begin(
      'A9-fuzz',
      'Property-based fuzzing of every JSON endpoint (in process)',
      `fast-check generates requests for every operation of /openapi.json except the two live streams, from the document's own schemas: path ids (existing, random, malformed), query and header parameters (valid or broken), bodies that satisfy the schema, bodies with one field broken, missing or added, values of the wrong type or out of range, attack strings, raw non-JSON bodies and wrong content types, each with a random identity (mostly the right one, sometimes none, a forged one, another store's or the wrong role) and client address. Each operation gets a fresh app (SQLite in memory, two stores with tables, menu and orders) with triggers recording every write to every table except login_failures (which counts failed logins by design). Requests go through app.inject with a fixed seed (${SEED}). Every answer must be below 500, an error must have the one error shape, and a refused request (4xx) must have written nothing; for refused writes a full dump of every table is also compared before and after.`,
    );
    const perOp = Math.ceil(TOTAL_INJECT / operations.length);
    let total = 0;
    let refused = 0;
    let dumps = 0;
    let writing = 0;
    const byStatus: Record<string, number> = {};
    const opsCovered: string[] = [];
    for (const [i, op] of operations.entries()) {
      const fx = await fixture();
      try {
        await fc.assert(
          fc.asyncProperty(requestOf(op, fx.tokens), async (req) => {
            const refusedWrite = op.method !== 'GET';
            const before = await fx.writes();
            const dump = refusedWrite ? await fx.dump() : '';
            const res = await fx.t.app.inject({
              method: req.method as InjectOptions['method'],
              url: req.url,
              headers: req.headers,
              remoteAddress: req.remote,
              ...(req.payload === undefined ? {} : { payload: req.payload }),
            });
            total++;
            byStatus[res.statusCode] = (byStatus[res.statusCode] ?? 0) + 1;
            const problem = answerProblem(
              res.statusCode,
              res.headers['content-type'] as string | undefined,
              res.body,
            );
            if (problem) throw new Error(`${req.method} ${req.url}: ${problem}`);
            if (res.statusCode < 300 && (await fx.writes()) > before) writing++;
            if (res.statusCode >= 400) {
              refused++;
              const after = await fx.writes();
              if (after !== before)
                throw new Error(`refused ${res.statusCode} but wrote ${after - before} rows: ${res.body}`);
              if (refusedWrite) {
                dumps++;
                if ((await fx.dump()) !== dump)
                  throw new Error(`refused ${res.statusCode} but the data changed: ${res.body}`);
              }
            }
          }),
          { numRuns: perOp, seed: SEED + i },
        );
        const health = await fx.t.app.inject({ url: '/health' });
        expect(health.statusCode, `the app still answers after ${op.method} ${op.path}`).toBe(200);
        opsCovered.push(`${op.method} ${op.path}`);
      } finally {
        await fx.t.close();
      }
    }
    expect(total).toBeGreaterThanOrEqual(TOTAL_INJECT);
    expect(writing, 'the audit triggers record the writes of accepted requests').toBeGreaterThan(100);
    const classes = (lo: number) =>
      Object.entries(byStatus)
        .filter(([s]) => Math.floor(Number(s) / 100) === lo)
        .reduce((n, [, c]) => n + c, 0);
    scenario
      .volume(`${total} generated requests`)
      .set('operations fuzzed (every JSON endpoint of /openapi.json)', opsCovered.length)
      .set('requests per operation', perOp)
      .set('generated requests (app.inject)', total)
      .set('answers 2xx / 3xx / 4xx / 5xx', `${classes(2)} / ${classes(3)} / ${classes(4)} / ${classes(5)}`)
      .set(
        'answers by status',
        Object.entries(byStatus)
          .map(([s, n]) => `${s}: ${n}`)
          .join(', '),
      )
      .set('accepted requests that wrote rows (the audit triggers see writes)', writing)
      .set('refused requests checked for writes (audit triggers)', refused)
      .set('refused writes also checked by a full dump before/after', dumps)
      .set('refused requests that changed data', 0)
      .set('fast-check seed', SEED);
    await scenario.pass(
      `Passed: ${total} generated requests, no answer of 500 or above, every error in the one shape, and none of the ${refused} refused requests wrote a row.`,
    );
  });

  describe('over HTTP against the server process', () => {
    let dir: string;
    let api: ApiProcess;
    const secrets = new Secrets();

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'to-fuzz-'));
      const url = `sqlite:${join(dir, 'fuzz.db')}`;
      const [a, b] = await seedDatabase(url, [
        { identifier: 'store-a', tables: 3 },
        { identifier: 'store-b', tables: 2 },
      ]);
      api = await ApiProcess.start({ DATABASE_URL: url, LOG_LEVEL: 'debug' });
      secrets.add(a!.admin.password, b!.admin.password, a!.tablePassword, b!.tablePassword);
    });

    afterAll(async () => {
      await api?.dispose();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(`answers ${TOTAL_HTTP} generated requests below 500 without crashing, and logs no secret`, async () => {
      showLogsOnFailure(api);
      const scenario = await results.begin(
        'A9-fuzz-http',
        'Property-based fuzzing over HTTP against the server process',
        `The same generators drive ${TOTAL_HTTP} requests, spread over every JSON operation, through real HTTP to the server process (production mode, SQLite file, LOG_LEVEL=debug). Every answer must be below 500 in the error shape, the process must stay up, and its log must hold no token or password.`,
      );
      const tokens: Tokens = {
        adminA: await adminLogin(api.baseUrl, 'store-a', 'owner', 'admin-pass-store-a'),
        adminB: await adminLogin(api.baseUrl, 'store-b', 'owner', 'admin-pass-store-b'),
        tableA: await tableLogin(api.baseUrl, 'store-a', 1, 'table-pw-store-a'),
        tableB: await tableLogin(api.baseUrl, 'store-b', 1, 'table-pw-store-b'),
      };
      secrets.add(...Object.values(tokens));
      const perOp = Math.ceil(TOTAL_HTTP / operations.length);
      let total = 0;
      for (const [i, op] of operations.entries()) {
        await fc.assert(
          fc.asyncProperty(requestOf(op, tokens), async (req) => {
            // fetch sends no body with GET (app.inject above does).
            const withBody = req.payload !== undefined && req.method !== 'GET';
            const { 'content-type': type, ...rest } = req.headers;
            const r = await http(api.baseUrl, req.method, req.url, {
              headers: { ...rest, ...(type && withBody ? { 'content-type': type } : {}) },
              ...(withBody ? { rawBody: req.payload } : {}),
              timeoutMs: 10_000,
            });
            total++;
            const problem = answerProblem(r.status, r.headers.get('content-type') ?? undefined, r.text);
            if (problem) throw new Error(`${req.method} ${req.url}: ${problem}`);
            if (r.status === 200 && req.url.includes('/login'))
              secrets.add(r.json<{ accessToken: string }>().accessToken);
          }),
          { numRuns: perOp, seed: SEED + 1000 + i },
        );
      }
      expect(api.running, 'the server process is still running').toBe(true);
      expect((await http(api.baseUrl, 'GET', '/health')).status).toBe(200);
      const log = api.logs();
      expect(secrets.scan(log)).toEqual([]);
      scenario
        .volume(`${total} generated requests over HTTP`)
        .set('generated requests (HTTP)', total)
        .set('answers of 500 or above', 0)
        .set('server process still up', 'yes')
        .set('log lines scanned for secrets', logLines(log))
        .set('lines with a secret', 0);
      await scenario.pass(
        `Passed: ${total} generated requests over HTTP, all below 500 in the error shape; the process stayed up and logged no secret.`,
      );
    });
  });

  it('never accepts a token from the URL', async () => {
    const t = await createTestApp();
    try {
      const a = await seedStore(t, 'store-a', { tables: 1 });
      for (const q of ['access_token', 'token', 'authorization', 'jwt']) {
        for (const path of ['/api/v1/admin/dashboard', '/api/v1/admin/events', '/api/v1/table/menu']) {
          const r = await t.app.inject({ url: `${path}?${q}=${encodeURIComponent(a.adminToken)}` });
          expect(r.statusCode, `${path}?${q}=`).toBe(401);
        }
      }
    } finally {
      await t.close();
    }
  });
});
