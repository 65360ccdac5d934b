import { TableMenu } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from './harness.js';

// SPEC 14: translations on categories, items, option groups and options; the table menu in a language
// with per-field fallback to Korean and one ETag per language; order snapshots stay Korean.

interface MenuBody {
  categories: {
    id: number;
    name: string;
    items: {
      id: number;
      name: string;
      description: string;
      optionGroups: { id: number; name: string; options: { id: number; name: string }[] }[];
    }[];
  }[];
}

describe('menu translations', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tab: Client;
  let groupId: number;
  let optionIds: number[];

  const menu = async (lang?: string, headers?: Record<string, string>) =>
    tab.get<MenuBody>(`/api/v1/table/menu${lang ? `?lang=${lang}` : ''}`, headers);
  const item = (body: MenuBody, id: number) =>
    body.categories.flatMap((c) => c.items).find((i) => i.id === id)!;

  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 1 });
    b = await seedStore(t, 'store-b', { tables: 0 });
    tab = await a.tableClient(1);
    expect((await a.admin.patch('/api/v1/admin/store', { menuLanguages: ['ko', 'en', 'ja'] })).status).toBe(
      200,
    );
    const g = await a.admin.post('/api/v1/admin/option-groups', {
      name: '맵기',
      minSelect: 1,
      maxSelect: 1,
      translations: { en: { name: 'Spiciness' }, ja: { name: '辛さ' } },
      options: [
        { name: '순한맛', priceDelta: 0, translations: { en: { name: 'Mild' } } },
        { name: '매운맛', priceDelta: 500, translations: { en: { name: 'Hot' }, ja: { name: '辛口' } } },
      ],
    });
    expect(g.status, JSON.stringify(g.body)).toBe(201);
    groupId = g.body.id;
    optionIds = g.body.options.map((o: { id: number }) => o.id);
    expect(g.body.translations).toEqual({ en: { name: 'Spiciness' }, ja: { name: '辛さ' } });
    expect(g.body.options[1].translations).toEqual({ en: { name: 'Hot' }, ja: { name: '辛口' } });
  });
  afterAll(() => t.close());

  it('stores translations on categories and items; admin shapes carry them', async () => {
    const cat = await a.admin.patch(`/api/v1/admin/categories/${a.categories[0]!.id}`, {
      translations: { en: { name: 'Mains' }, ja: { name: 'メイン' }, zh: { name: '主菜' } },
    });
    expect(cat.status, JSON.stringify(cat.body)).toBe(200);
    expect(cat.body).toMatchObject({ name: '메인', translations: { ja: { name: 'メイン' } } });
    const created = await a.admin.post('/api/v1/admin/categories', {
      name: '디저트',
      translations: { en: { name: 'Desserts' } },
    });
    expect(created.status).toBe(201);
    expect(created.body.translations).toEqual({ en: { name: 'Desserts' } });
    const list = await a.admin.get('/api/v1/admin/categories');
    expect(list.body.items.find((c: { id: number }) => c.id === a.categories[0]!.id).translations.zh).toEqual(
      {
        name: '主菜',
      },
    );

    const kimchi = await a.admin.patch(`/api/v1/admin/menu-items/${a.items[0]!.id}`, {
      optionGroupIds: [groupId],
      translations: {
        en: { name: 'Kimchi stew', description: 'Spicy pork and kimchi stew' },
        ja: { name: 'キムチチゲ' },
      },
    });
    expect(kimchi.status, JSON.stringify(kimchi.body)).toBe(200);
    expect(kimchi.body.name).toBe('김치찌개');
    expect(kimchi.body.translations).toEqual({
      en: { name: 'Kimchi stew', description: 'Spicy pork and kimchi stew' },
      ja: { name: 'キムチチゲ' },
    });
    const made = await a.admin.post('/api/v1/admin/menu-items', {
      categoryId: a.categories[1]!.id,
      name: '식혜',
      price: 3000,
      translations: { zh: { name: '甜米露' } },
    });
    expect(made.status).toBe(201);
    expect((await a.admin.get(`/api/v1/admin/menu-items/${made.body.id}`)).body.translations).toEqual({
      zh: { name: '甜米露' },
    });
  });

  it('answers the table menu in the language asked, falling back to Korean per field', async () => {
    const en = await menu('en');
    expect(en.status).toBe(200);
    expect(TableMenu.parse(en.body)).toBeTruthy();
    expect(JSON.stringify(en.body)).not.toContain('translations');
    expect(en.body.categories.map((c) => c.name)).toEqual(['Mains', '음료', 'Desserts']);
    const kimchi = item(en.body, a.items[0]!.id);
    expect(kimchi.name).toBe('Kimchi stew');
    expect(kimchi.description).toBe('Spicy pork and kimchi stew');
    expect(kimchi.optionGroups[0]!.name).toBe('Spiciness');
    expect(kimchi.optionGroups[0]!.options.map((o) => o.name)).toEqual(['Mild', 'Hot']);
    // Untranslated item: Korean name and description.
    expect(item(en.body, a.items[1]!.id)).toMatchObject({ name: '된장찌개', description: '된장찌개 설명' });

    const ja = await menu('ja');
    const jaKimchi = item(ja.body, a.items[0]!.id);
    // The Japanese name, but no Japanese description: the Korean one.
    expect(jaKimchi).toMatchObject({ name: 'キムチチゲ', description: '김치찌개 설명' });
    expect(jaKimchi.optionGroups[0]!.options.map((o) => o.name)).toEqual(['순한맛', '辛口']);
    expect(ja.body.categories[0]!.name).toBe('メイン');

    const ko = await menu();
    expect(item(ko.body, a.items[0]!.id).name).toBe('김치찌개');
    expect(ko.body.categories[0]!.name).toBe('메인');
    expect((await menu('ko')).body).toEqual(ko.body);
  });

  it('answers Korean for a language the store has not enabled, and 422 for an unknown code', async () => {
    // zh is not enabled in store-a: the Chinese names exist but are not served.
    const zh = await menu('zh');
    expect(zh.status).toBe(200);
    expect(zh.body).toEqual((await menu('ko')).body);
    expect(zh.headers.etag).toBe((await menu('ko')).headers.etag);
    expectError(await menu('fr'), 422, 'validation_failed');
    expectError(await menu('EN'), 422, 'validation_failed');
  });

  it('gives each language its own ETag, 304 only for the same language, new ones after a change', async () => {
    const en = await menu('en');
    const ja = await menu('ja');
    const ko = await menu('ko');
    const tags = [en, ja, ko].map((r) => r.headers.etag as string);
    expect(new Set(tags).size).toBe(3);
    expect((await menu('en', { 'if-none-match': tags[0]! })).status).toBe(304);
    // The English ETag does not validate the Japanese menu.
    const cross = await menu('ja', { 'if-none-match': tags[0]! });
    expect(cross.status).toBe(200);
    expect(cross.headers.etag).toBe(tags[1]);

    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[1]!.id}`, {
      translations: { en: { name: 'Soybean paste stew' } },
    });
    const after = await menu('en', { 'if-none-match': tags[0]! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(tags[0]);
    expect(item(after.body, a.items[1]!.id).name).toBe('Soybean paste stew');
    expect((await menu('ja', { 'if-none-match': tags[1]! })).status).toBe(200);
  });

  it('a change of the store languages is a new menu: a language turned off answers Korean', async () => {
    const before = await menu('ja');
    expect(before.body.categories[0]!.name).toBe('メイン');
    expect((await a.admin.patch('/api/v1/admin/store', { menuLanguages: ['ko', 'en'] })).status).toBe(200);
    const off = await menu('ja', { 'if-none-match': before.headers.etag as string });
    expect(off.status).toBe(200);
    expect(off.body.categories[0]!.name).toBe('메인');
    expect(
      (await a.admin.patch('/api/v1/admin/store', { menuLanguages: ['ko', 'en', 'ja', 'zh'] })).status,
    ).toBe(200);
    const on = await menu('zh');
    expect(on.body.categories[0]!.name).toBe('主菜');
    expect((await menu('ja')).body.categories[0]!.name).toBe('メイン');
  });

  it('a PATCH of translations replaces the whole object; other fields keep them', async () => {
    const id = a.items[0]!.id;
    await a.admin.patch(`/api/v1/admin/menu-items/${id}`, { price: 9500 });
    expect((await a.admin.get(`/api/v1/admin/menu-items/${id}`)).body.translations.ja).toEqual({
      name: 'キムチチゲ',
    });
    const r = await a.admin.patch(`/api/v1/admin/menu-items/${id}`, {
      translations: { en: { name: 'Kimchi jjigae' } },
    });
    expect(r.body.translations).toEqual({ en: { name: 'Kimchi jjigae' } });
    expect(item((await menu('ja')).body, id).name).toBe('김치찌개');
    // An option group: the group's object replaced; an option listed without translations keeps its own.
    const g = await a.admin.patch(`/api/v1/admin/option-groups/${groupId}`, {
      translations: { zh: { name: '辣度' } },
      options: [
        { id: optionIds[0], name: '순한맛', priceDelta: 0 },
        { id: optionIds[1], name: '매운맛', priceDelta: 500, translations: {} },
      ],
    });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.translations).toEqual({ zh: { name: '辣度' } });
    expect(g.body.options[0].translations).toEqual({ en: { name: 'Mild' } });
    expect(g.body.options[1].translations).toEqual({});
    // Clearing a category's translations.
    const c = await a.admin.patch(`/api/v1/admin/categories/${a.categories[0]!.id}`, { translations: {} });
    expect(c.body).toMatchObject({ name: '메인', translations: {} });
  });

  it('validates translations like the Korean fields (422), changing nothing', async () => {
    const id = a.items[1]!.id;
    const bad: unknown[] = [
      { en: { description: 'no name' } },
      { en: { name: '   ' } },
      { en: { name: 'x'.repeat(101) } },
      { ja: { name: 'ok', description: 'x'.repeat(501) } },
      { fr: { name: 'Ragoût' } },
      { ko: { name: '김치' } },
      { en: 'Kimchi' },
      { en: { name: 'ok', extra: 1 } },
    ];
    for (const translations of bad) {
      expectError(
        await a.admin.patch(`/api/v1/admin/menu-items/${id}`, { translations }),
        422,
        'validation_failed',
      );
    }
    expect((await a.admin.get(`/api/v1/admin/menu-items/${id}`)).body.translations).toEqual({
      en: { name: 'Soybean paste stew' },
    });
    // Category names: 50 characters, no description.
    const cat = `/api/v1/admin/categories/${a.categories[1]!.id}`;
    expectError(await a.admin.patch(cat, { translations: { en: { name: 'x'.repeat(51) } } }), 422);
    expectError(
      await a.admin.patch(cat, { translations: { en: { name: 'Drinks', description: 'd' } } }),
      422,
    );
    expectError(
      await a.admin.post('/api/v1/admin/categories', { name: '주류', translations: { ja: {} } }),
      422,
    );
    // Option groups and options: 50 characters.
    expectError(
      await a.admin.patch(`/api/v1/admin/option-groups/${groupId}`, {
        translations: { en: { name: 'x'.repeat(51) } },
      }),
      422,
    );
    expectError(
      await a.admin.patch(`/api/v1/admin/option-groups/${groupId}`, {
        options: [{ id: optionIds[0], name: '순한맛', priceDelta: 0, translations: { en: { name: '' } } }],
      }),
      422,
    );
    // Trimmed like the Korean fields.
    const trimmed = await a.admin.patch(cat, { translations: { en: { name: '  Drinks ' } } });
    expect(trimmed.body.translations).toEqual({ en: { name: 'Drinks' } });
  });

  it('keeps Korean names in order snapshots whatever language the menu was read in', async () => {
    await menu('en');
    const r = await tab.post(
      '/api/v1/table/orders',
      { items: [{ menuItemId: a.items[0]!.id, quantity: 1, optionIds: [optionIds[1]] }] },
      { 'idempotency-key': crypto.randomUUID() },
    );
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.items[0]).toMatchObject({
      name: '김치찌개',
      options: [{ groupName: '맵기', name: '매운맛', priceDelta: 500 }],
    });
    const detail = await a.admin.get(`/api/v1/admin/orders/${r.body.id}`);
    expect(detail.body.items[0].name).toBe('김치찌개');
  });

  it("never touches another store's entries", async () => {
    expect(
      (
        await b.admin.patch(`/api/v1/admin/menu-items/${a.items[0]!.id}`, {
          translations: { en: { name: 'Hijacked' } },
        })
      ).status,
    ).toBe(404);
    expect(
      (await b.admin.patch(`/api/v1/admin/categories/${a.categories[0]!.id}`, { translations: {} })).status,
    ).toBe(404);
    expect(item((await menu('en')).body, a.items[0]!.id).name).toBe('Kimchi jjigae');
  });
});
