// Attack 7: password guessing. Login limiting per account and per client address (the address taken from
// X-Forwarded-For only when the real Nginx is the peer), argon2id at or above OWASP's parameters, and no
// user enumeration through timing. Against the real server process behind the real Nginx.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type RunningNginx } from '../support/nginx.js';
import { createAdmin } from '../../apps/api/src/modules/stores/index.js';
import { ResultsFile } from '../support/figures.js';
import { adminLogin, http, percentile, round, type HttpResult } from '../support/http.js';
import { Secrets, passLogScan } from '../support/secrets.js';
import { openDb, seedStores, type SeededStore } from '../support/seed.js';
import { ApiProcess } from '../support/api-server.js';
import { rng } from '../support/common.js';
import { showLogsOnFailure } from '../support/server-logs.js';

const results = new ResultsFile('security', import.meta.url);
const TIMING_ACCOUNTS = 40;
const SAMPLES = 90;

/** OWASP Password Storage Cheat Sheet: argon2id with one of these (memory KiB, iterations), parallelism 1. */
const OWASP_ARGON2ID: [number, number][] = [
  [47104, 1],
  [19456, 2],
  [12288, 3],
  [9216, 4],
  [7168, 5],
];

describe('A7: login limiting, password hashing and user enumeration', () => {
  let dir: string;
  let url: string;
  let api: ApiProcess;
  let nginx: RunningNginx;
  let store: SeededStore;
  const agents = new Map<string, Agent>();
  const secrets = new Secrets();

  /** A client whose connections come from `address` (any 127.0.0.0/8 address works on loopback). */
  const from = (address: string) => {
    let a = agents.get(address);
    if (!a) {
      a = new Agent({ localAddress: address, connect: { rejectUnauthorized: false } });
      agents.set(address, a);
    }
    return a;
  };
  const login = (
    base: string,
    address: string,
    body: Record<string, unknown>,
    headers: Record<string, string> = {},
    kind: 'admin' | 'table' = 'admin',
  ): Promise<HttpResult> => {
    secrets.add(body.password as string);
    return http(base, 'POST', `/api/v1/auth/${kind}/login`, { body, headers, dispatcher: from(address) });
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'to-limits-'));
    url = `sqlite:${join(dir, 'limits.db')}`;
    const handle = openDb(url);
    try {
      [store] = (await seedStores(handle.db, [{ identifier: 'limits', tables: 40 }])) as [SeededStore];
      for (const name of ['clerk', ...Array.from({ length: TIMING_ACCOUNTS }, (_, i) => `staff${i}`)])
        await createAdmin(handle.db, { store: 'limits', admin: name, password: `pw-of-${name}` });
    } finally {
      await handle.close();
    }
    api = await ApiProcess.start({ DATABASE_URL: url, TRUSTED_PROXIES: '127.0.0.1', LOG_LEVEL: 'debug' });
    nginx = await startNginx([api.port], join(dir, 'uploads'));
    secrets.add(store.admin.password, store.tablePassword);
  });

  afterAll(async () => {
    await nginx?.stop();
    await api?.dispose();
    await Promise.all([...agents.values()].map((a) => a.close()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('locks an account after 5 failures and limits a client address after 30, behind the trusted proxy only', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A7-limits',
      'Login limiting per account and per client address',
      'The server process runs behind the real Nginx (deploy config) with TRUSTED_PROXIES=127.0.0.1; clients connect from distinct loopback addresses (127.0.0.2 and up), so Nginx sees real, different client addresses. Account: 5 wrong passwords for one admin and for one table, each from a different address, then the right password from yet another address. Address: 30 failed logins from 127.0.0.2 through Nginx, each with a different forged X-Forwarded-For, then the right password from 127.0.0.2 (also while claiming another address) and from 127.0.0.3 (also while claiming to be 127.0.0.2). Direct to the API (not through the proxy) from 127.0.0.4: 30 failures, each claiming a different address in X-Forwarded-For.',
    );
    const proxy = nginx.httpsUrl;
    const adminBody = (username: string, password: string) => ({
      storeIdentifier: 'limits',
      username,
      password,
    });
    let requests = 0;
    const counted = async (p: Promise<HttpResult>) => {
      requests++;
      return p;
    };

    // Per account: 5 failures from 5 addresses lock it, even for the right password from a 6th.
    const adminFails = [];
    for (let i = 0; i < 5; i++)
      adminFails.push(
        (await counted(login(proxy, `127.0.0.${10 + i}`, adminBody('owner', `wrong-admin-pw-${i}`)))).status,
      );
    expect(adminFails).toEqual([401, 401, 401, 401, 401]);
    const locked = await counted(login(proxy, '127.0.0.20', adminBody('owner', store.admin.password)));
    expect(locked.status).toBe(423);
    expect(locked.json().error).toBe('account_locked');
    const adminRetry = Number(locked.headers.get('retry-after'));
    expect(adminRetry).toBeGreaterThan(14 * 60);
    expect(adminRetry).toBeLessThanOrEqual(15 * 60);
    const tableBody = (password: string) => ({ storeIdentifier: 'limits', tableNumber: 1, password });
    for (let i = 0; i < 5; i++)
      expect(
        (await counted(login(proxy, `127.0.0.${30 + i}`, tableBody(`wrong-table-pw-${i}`), {}, 'table')))
          .status,
      ).toBe(401);
    const tableLocked = await counted(
      login(proxy, '127.0.0.40', tableBody(store.tablePassword), {}, 'table'),
    );
    expect(tableLocked.status).toBe(423);
    // Another account of the store is unaffected.
    expect((await counted(login(proxy, '127.0.0.41', adminBody('clerk', 'pw-of-clerk')))).status).toBe(200);

    // Per address through the proxy: forged X-Forwarded-For neither escapes the limit nor frames others.
    for (let i = 0; i < 30; i++) {
      const r = await counted(
        login(proxy, '127.0.0.2', adminBody(`ghost${i}`, 'nope-nope'), {
          'x-forwarded-for': `198.51.100.${i}`,
        }),
      );
      expect(r.status, `failure ${i + 1}`).toBe(401);
    }
    const limited = await counted(login(proxy, '127.0.0.2', adminBody('clerk', 'pw-of-clerk')));
    expect(limited.status, 'the 31st login from the same client address').toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const escape = await counted(
      login(proxy, '127.0.0.2', adminBody('clerk', 'pw-of-clerk'), { 'x-forwarded-for': '127.0.0.99' }),
    );
    expect(escape.status, 'claiming another address does not escape').toBe(429);
    const other = await counted(login(proxy, '127.0.0.3', adminBody('clerk', 'pw-of-clerk')));
    expect(other.status, 'another client address is not limited').toBe(200);
    const framed = await counted(
      login(proxy, '127.0.0.3', adminBody('clerk', 'pw-of-clerk'), { 'x-forwarded-for': '127.0.0.2' }),
    );
    expect(framed.status, 'claiming the limited address does not get another client limited').toBe(200);

    // Direct to the API, not through the trusted proxy: X-Forwarded-For is ignored.
    for (let i = 0; i < 30; i++) {
      const r = await counted(
        login(api.baseUrl, '127.0.0.4', adminBody(`direct${i}`, 'nope-nope'), {
          'x-forwarded-for': `203.0.113.${i}`,
        }),
      );
      expect(r.status).toBe(401);
    }
    const direct = await counted(
      login(api.baseUrl, '127.0.0.4', adminBody('clerk', 'pw-of-clerk'), {
        'x-forwarded-for': '203.0.113.200',
      }),
    );
    expect(direct.status, 'forged X-Forwarded-For from an untrusted peer').toBe(429);

    scenario
      .volume(`${requests} login requests`)
      .set('login requests', requests)
      .set(
        'admin account after 5 failures from 5 addresses (right password)',
        `${locked.status}, Retry-After ${adminRetry} s`,
      )
      .set('table account after 5 failures', tableLocked.status)
      .set('31st login from one address through Nginx (30 forged X-Forwarded-For)', limited.status)
      .set('same address claiming another in X-Forwarded-For', escape.status)
      .set('another address / another address claiming the limited one', `${other.status} / ${framed.status}`)
      .set('31st login direct to the API with forged X-Forwarded-For', direct.status);
    await scenario.pass(
      'Passed: 5 failures lock an account (423 with Retry-After ≈ 15 min) whatever the address; 30 failures limit an address (429); behind Nginx the limit follows the real client address and forged X-Forwarded-For neither escapes nor frames; without the proxy the header is ignored.',
    );
  });

  it('stores every password as argon2id at or above OWASP parameters', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A7-argon2',
      'Password hashes: argon2id parameters',
      "Every password hash in the database is read and parsed: the admin made by store:create, admins added by admin:create, tables from the bulk seed, a table created through POST /api/v1/admin/tables and one whose password was changed through PATCH. Each must be argon2id, version 19, with memory and iterations at or above one of OWASP's argon2id configurations (m=47104/t=1, m=19456/t=2, m=12288/t=3, m=9216/t=4, m=7168/t=5); two tables given the same password must get different hashes (salts).",
    );
    const admin = await adminLogin(api.baseUrl, 'limits', 'clerk', 'pw-of-clerk');
    secrets.add(admin);
    for (const n of [101, 102]) {
      const r = await http(api.baseUrl, 'POST', '/api/v1/admin/tables', {
        token: admin,
        body: { number: n, password: 'same-password' },
      });
      expect(r.status).toBe(201);
    }
    const t2 = store.tables[1]!.id;
    expect(
      (
        await http(api.baseUrl, 'PATCH', `/api/v1/admin/tables/${t2}`, {
          token: admin,
          body: { password: 'changed-pw' },
        })
      ).status,
    ).toBe(200);
    secrets.add('same-password', 'changed-pw');

    const handle = openDb(url);
    let hashes: string[];
    let same: string[];
    try {
      const admins = await handle.db.selectFrom('admins').select('password_hash').execute();
      const tables = await handle.db
        .selectFrom('dining_tables')
        .select(['number', 'password_hash'])
        .execute();
      hashes = [...admins, ...tables].map((r) => r.password_hash);
      same = tables.filter((t) => t.number === 101 || t.number === 102).map((t) => t.password_hash);
    } finally {
      await handle.close();
    }
    const params = hashes.map((h) => {
      const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$[A-Za-z0-9+/]{16,}\$[A-Za-z0-9+/]{32,}$/.exec(h);
      expect(m, `argon2id hash: ${h.slice(0, 40)}`).not.toBeNull();
      return { m: Number(m![1]), t: Number(m![2]), p: Number(m![3]) };
    });
    for (const p of params) {
      expect(OWASP_ARGON2ID.some(([m, t]) => p.m >= m && p.t >= t) && p.p >= 1, JSON.stringify(p)).toBe(true);
    }
    expect(same).toHaveLength(2);
    expect(same[0]).not.toBe(same[1]);
    const distinct = [...new Set(params.map((p) => `m=${p.m},t=${p.t},p=${p.p}`))];
    scenario
      .volume(`${hashes.length} password hashes`)
      .set('password hashes checked', hashes.length)
      .set('parameters found', distinct.join('; '))
      .set('OWASP minimum met by', `${params.length} of ${params.length}`)
      .set('same password, different hashes', 'yes');
    await scenario.pass(
      "Passed: every hash is argon2id v19 at m=19456 KiB, t=2, p=1 (OWASP's second configuration) or above, salted per hash.",
    );
  });

  it('takes as long for an unknown user or store as for a wrong password (no enumeration by timing)', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A7-timing',
      'User enumeration by login timing',
      `Failed admin logins are timed directly against the server process in three classes, interleaved in a fixed pseudo-random order: wrong password for an existing admin (${TIMING_ACCOUNTS} accounts, at most 3 failures each so no lock interferes), unknown username in an existing store, unknown store; and failed table logins in two classes: wrong password for an existing table (2 per table), unknown table number. Each sample comes from its own loopback address slot so the address limit never answers instead. The median times of the classes must lie within 25 % of each other (skipping the password hash for an unknown account would make its logins several times faster).`,
    );
    const random = rng(7);
    type Cls =
      'wrong password' | 'unknown user' | 'unknown store' | 'table: wrong password' | 'table: unknown table';
    const plan: Cls[] = [];
    for (let i = 0; i < SAMPLES; i++) plan.push('wrong password', 'unknown user', 'unknown store');
    for (let i = 0; i < 60; i++) plan.push('table: wrong password', 'table: unknown table');
    for (let i = plan.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [plan[i], plan[j]] = [plan[j]!, plan[i]!];
    }
    const times = new Map<Cls, number[]>();
    const counters = new Map<Cls, number>();
    // Warm-up: the first unknown-user verify computes the server's dummy hash.
    for (let i = 0; i < 3; i++)
      await login(api.baseUrl, '127.0.2.250', {
        storeIdentifier: 'limits',
        username: `warm${i}`,
        password: 'warm-up-pw',
      });
    for (const [i, cls] of plan.entries()) {
      const n = counters.get(cls) ?? 0;
      counters.set(cls, n + 1);
      const address = `127.0.2.${1 + Math.floor(i / 20)}`; // 20 failures per address, under the limit of 30
      const r = cls.startsWith('table')
        ? await login(
            api.baseUrl,
            address,
            cls === 'table: wrong password'
              ? { storeIdentifier: 'limits', tableNumber: 3 + (n % 36), password: `wrong-table-pw-${n}` }
              : { storeIdentifier: 'limits', tableNumber: 500 + n, password: `wrong-table-pw-${n}` },
            {},
            'table',
          )
        : await login(api.baseUrl, address, {
            storeIdentifier: cls === 'unknown store' ? `nostore${n}` : 'limits',
            username: cls === 'wrong password' ? `staff${n % TIMING_ACCOUNTS}` : `nobody${n}`,
            password: `wrong-pw-${n}`,
          });
      expect(r.status, `${cls} ${n}: ${r.text}`).toBe(401);
      expect(r.json().error).toBe('invalid_credentials');
      times.set(cls, [...(times.get(cls) ?? []), r.ms]);
    }
    const median = (c: Cls) => percentile(times.get(c)!, 50);
    const spread = (c: Cls) =>
      `median ${round(median(c), 1)} ms, p10–p90 ${round(percentile(times.get(c)!, 10), 1)}–${round(percentile(times.get(c)!, 90), 1)} ms (n=${times.get(c)!.length})`;
    // The same work on every path: medians within 25 % (or 3 ms) of each other, loose enough for a busy
    // machine. Skipping the hash for an unknown account would make it several times faster.
    const close = (a: Cls, b: Cls) => {
      const diff = Math.abs(median(a) - median(b));
      expect(diff, `${a} vs ${b}: ${spread(a)} / ${spread(b)}`).toBeLessThanOrEqual(
        Math.max(3, 0.25 * Math.min(median(a), median(b))),
      );
      return round((diff / Math.min(median(a), median(b))) * 100, 1);
    };
    const dUser = close('wrong password', 'unknown user');
    const dStore = close('wrong password', 'unknown store');
    const dTable = close('table: wrong password', 'table: unknown table');
    const classes: Cls[] = [
      'wrong password',
      'unknown user',
      'unknown store',
      'table: wrong password',
      'table: unknown table',
    ];
    for (const c of classes) scenario.set(c, spread(c));
    scenario
      .volume(`${plan.length} timed failed logins`)
      .set('failed logins timed', plan.length)
      .set('median difference: unknown user vs wrong password', `${dUser} %`)
      .set('median difference: unknown store vs wrong password', `${dStore} %`)
      .set('median difference: unknown table vs wrong password', `${dTable} %`);
    await scenario.pass(
      'Passed: the medians of every class lie within 25 % of each other (they differed by at most the percentages above); an unknown user, store or table costs the same argon2id verification as a wrong password.',
    );
  });

  it('writes no token, password or Authorization header to its log (debug level)', async () => {
    showLogsOnFailure(api);
    const scenario = await results.begin(
      'A8-logs-limits',
      'No secrets in the log: login limiting server',
      'The server process behind Nginx for the login tests runs with LOG_LEVEL=debug; its output is scanned for every password tried (right and wrong), every token issued, and anything shaped like a credential.',
    );
    await passLogScan(scenario, secrets, api.logs(), 300);
  });
});
