import { StoreSettings, TableStoreSettings } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  client,
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

const DEFAULTS = {
  name: 'Store store-a',
  timeZone: 'Asia/Seoul',
  callReasons: ['물', '물티슈', '앞접시', '수저·젓가락', '직원 호출'],
  requestChips: [],
  menuLanguages: ['ko'],
  idleTimeoutSeconds: 0,
};
/** The dashboard-only settings (the kitchen display's timers). */
const ADMIN_DEFAULTS = { kitchenAmberMinutes: 10, kitchenRedMinutes: 20 };

describe('store settings', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tab: Client;
  let tabToken: string;

  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 2 });
    b = await seedStore(t, 'store-b', { tables: 1 });
    const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: 'store-a',
      tableNumber: 1,
      password: 'pw-1',
    });
    tabToken = login.body.accessToken;
    tab = client(t.app, tabToken);
  });
  afterAll(() => t.close());

  it('starts with the defaults; tablets read the same without the identifier', async () => {
    const admin = await a.admin.get('/api/v1/admin/store');
    expect(admin.status).toBe(200);
    expect(admin.body).toEqual({ identifier: 'store-a', ...DEFAULTS, ...ADMIN_DEFAULTS });
    expect(StoreSettings.strict().parse(admin.body)).toEqual(admin.body);
    const table = await tab.get('/api/v1/table/store');
    expect(table.status).toBe(200);
    expect(table.body).toEqual(DEFAULTS);
    expect(TableStoreSettings.strict().parse(table.body)).toEqual(table.body);
  });

  it('changes any of the settings, each list replaced whole', async () => {
    const r = await a.admin.patch('/api/v1/admin/store', {
      name: '  한옥 식당 ',
      callReasons: ['물', '냅킨', '아기 의자'],
      requestChips: ['덜 맵게', '포장해 주세요'],
      menuLanguages: ['ko', 'en', 'ja'],
      idleTimeoutSeconds: 90,
      identifier: 'hijack',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const expected = {
      identifier: 'store-a',
      name: '한옥 식당',
      timeZone: 'Asia/Seoul',
      callReasons: ['물', '냅킨', '아기 의자'],
      requestChips: ['덜 맵게', '포장해 주세요'],
      menuLanguages: ['ko', 'en', 'ja'],
      idleTimeoutSeconds: 90,
      ...ADMIN_DEFAULTS,
    };
    expect(r.body).toEqual(expected);
    expect((await a.admin.get('/api/v1/admin/store')).body).toEqual(expected);
    // One field at a time leaves the rest; the zone is stored in its canonical spelling.
    const tz = await a.admin.patch('/api/v1/admin/store', { timeZone: 'asia/tokyo', requestChips: [] });
    expect(tz.body).toEqual({ ...expected, timeZone: 'Asia/Tokyo', requestChips: [] });
    const off = await a.admin.patch('/api/v1/admin/store', { idleTimeoutSeconds: 0, menuLanguages: ['ko'] });
    expect(off.body).toMatchObject({ idleTimeoutSeconds: 0, menuLanguages: ['ko'] });
    // The login answers the new name and zone.
    const login = await client(t.app).post('/api/v1/auth/admin/login', {
      storeIdentifier: 'store-a',
      username: 'owner',
      password: 'owner-pass-1',
    });
    expect(login.body.store).toEqual({ identifier: 'store-a', name: '한옥 식당', timeZone: 'Asia/Tokyo' });
    // Another store is untouched.
    expect((await b.admin.get('/api/v1/admin/store')).body).toEqual({
      identifier: 'store-b',
      ...DEFAULTS,
      ...ADMIN_DEFAULTS,
      name: 'Store store-b',
    });
    await a.admin.patch('/api/v1/admin/store', { timeZone: 'Asia/Seoul' });
  });

  it('refuses bad settings with 422 naming the field, and changes nothing', async () => {
    const before = (await a.admin.get('/api/v1/admin/store')).body;
    const bad: [body: unknown, field: string][] = [
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(51) }, 'name'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ timeZone: '' }, 'timeZone'],
      [{ callReasons: [] }, 'callReasons'],
      [{ callReasons: Array.from({ length: 13 }, (_, i) => `이유${i}`) }, 'callReasons'],
      [{ callReasons: ['물', ''] }, 'callReasons.1'],
      [{ callReasons: ['x'.repeat(21)] }, 'callReasons.0'],
      [{ callReasons: ['물', '물'] }, 'callReasons'],
      [{ callReasons: '물' }, 'callReasons'],
      [{ requestChips: Array.from({ length: 9 }, (_, i) => `칩${i}`) }, 'requestChips'],
      [{ requestChips: ['덜 맵게', '덜 맵게'] }, 'requestChips'],
      [{ requestChips: ['x'.repeat(21)] }, 'requestChips.0'],
      [{ menuLanguages: [] }, 'menuLanguages'],
      [{ menuLanguages: ['en'] }, 'menuLanguages'],
      [{ menuLanguages: ['en', 'ko'] }, 'menuLanguages'],
      [{ menuLanguages: ['ko', 'fr'] }, 'menuLanguages.1'],
      [{ menuLanguages: ['ko', 'en', 'en'] }, 'menuLanguages'],
      [{ idleTimeoutSeconds: 10 }, 'idleTimeoutSeconds'],
      [{ idleTimeoutSeconds: 3601 }, 'idleTimeoutSeconds'],
      [{ idleTimeoutSeconds: -1 }, 'idleTimeoutSeconds'],
      [{ idleTimeoutSeconds: 45.5 }, 'idleTimeoutSeconds'],
      [{ idleTimeoutSeconds: '60' }, 'idleTimeoutSeconds'],
      [{ kitchenAmberMinutes: 0 }, 'kitchenAmberMinutes'],
      [{ kitchenRedMinutes: 241 }, 'kitchenRedMinutes'],
      [{ kitchenAmberMinutes: 5.5 }, 'kitchenAmberMinutes'],
      [{ kitchenRedMinutes: '30' }, 'kitchenRedMinutes'],
      [{}, ''],
    ];
    for (const [body, field] of bad) {
      const r = await a.admin.patch('/api/v1/admin/store', body);
      const err = expectError(r, 422, 'validation_failed') as unknown as { details: { field: string }[] };
      expect(
        err.details.map((d) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    // A valid field next to a bad one changes nothing either.
    expectError(await a.admin.patch('/api/v1/admin/store', { name: '새 이름', idleTimeoutSeconds: 5 }), 422);
    expect((await a.admin.get('/api/v1/admin/store')).body).toEqual(before);
    // The edges are allowed.
    for (const idleTimeoutSeconds of [30, 3600]) {
      expect((await a.admin.patch('/api/v1/admin/store', { idleTimeoutSeconds })).status).toBe(200);
    }
    const edges = {
      name: 'x'.repeat(50),
      callReasons: Array.from({ length: 12 }, (_, i) => `${i}`.padEnd(20, '가')),
      requestChips: Array.from({ length: 8 }, (_, i) => `칩${i}`),
      menuLanguages: ['ko', 'zh', 'ja', 'en'],
    };
    expect((await a.admin.patch('/api/v1/admin/store', edges)).body).toMatchObject(edges);
    await a.admin.patch('/api/v1/admin/store', { ...before, identifier: undefined });
  });

  it('sets the kitchen display timers: amber below red, checked against the stored value too', async () => {
    const r = await a.admin.patch('/api/v1/admin/store', { kitchenAmberMinutes: 5, kitchenRedMinutes: 15 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ kitchenAmberMinutes: 5, kitchenRedMinutes: 15 });
    // Tablets never see them.
    const table = await tab.get('/api/v1/table/store');
    expect(table.body).not.toHaveProperty('kitchenAmberMinutes');
    expect(TableStoreSettings.strict().parse(table.body)).toEqual(table.body);
    // Amber at or past red is refused, whether both are given or one meets the stored other.
    const refused: [body: unknown, field: string][] = [
      [{ kitchenAmberMinutes: 20, kitchenRedMinutes: 20 }, 'kitchenAmberMinutes'],
      [{ kitchenAmberMinutes: 15 }, 'kitchenAmberMinutes'],
      [{ kitchenRedMinutes: 5 }, 'kitchenRedMinutes'],
      [{ kitchenRedMinutes: 3, name: '바뀌면 안 됨' }, 'kitchenRedMinutes'],
    ];
    for (const [body, field] of refused) {
      const err = expectError(
        await a.admin.patch('/api/v1/admin/store', body),
        422,
        'validation_failed',
      ) as unknown as {
        details: { field: string }[];
      };
      expect(
        err.details.map((d) => d.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect((await a.admin.get('/api/v1/admin/store')).body).toMatchObject({
      kitchenAmberMinutes: 5,
      kitchenRedMinutes: 15,
    });
    expect((await a.admin.get('/api/v1/admin/store')).body).not.toMatchObject({ name: '바뀌면 안 됨' });
    // Both moved together past the old values; the edges are allowed.
    const moved = await a.admin.patch('/api/v1/admin/store', {
      kitchenAmberMinutes: 30,
      kitchenRedMinutes: 240,
    });
    expect(moved.body).toMatchObject({ kitchenAmberMinutes: 30, kitchenRedMinutes: 240 });
    expect((await a.admin.patch('/api/v1/admin/store', { kitchenAmberMinutes: 1 })).status).toBe(200);
    await a.admin.patch('/api/v1/admin/store', ADMIN_DEFAULTS);
    // Another store keeps its own.
    expect((await b.admin.get('/api/v1/admin/store')).body).toMatchObject(ADMIN_DEFAULTS);
  });

  it('is for the store’s admins: tablets read their view, nobody else writes', async () => {
    expectError(await tab.get('/api/v1/admin/store'), 403);
    expectError(await tab.patch('/api/v1/admin/store', { name: 'x' }), 403);
    expectError(await a.admin.get('/api/v1/table/store'), 403);
    expectError(await client(t.app).get('/api/v1/admin/store'), 401);
    expectError(await client(t.app).get('/api/v1/table/store'), 401);
  });

  it('the call reasons decide what a table may call for', async () => {
    await a.admin.patch('/api/v1/admin/store', { callReasons: ['얼음물', '담요'] });
    expect((await tab.post('/api/v1/table/calls', { reasons: ['담요'] })).status).toBe(201);
    expectError(await tab.post('/api/v1/table/calls', { reasons: ['물'] }), 422, 'validation_failed');
    await a.admin.patch('/api/v1/admin/store', { callReasons: DEFAULTS.callReasons });
  });
});
