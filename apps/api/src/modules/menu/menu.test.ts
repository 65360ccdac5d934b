import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectError,
  seedStore,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

describe('menu', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tab: Client;
  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 1 });
    b = await seedStore(t, 'store-b', { tables: 0 });
    tab = await a.tableClient(1);
  });
  afterAll(() => t.close());

  it('serves the table menu by category in display order', async () => {
    const r = await tab.get('/api/v1/table/menu');
    expect(r.status).toBe(200);
    expect(r.body.categories.map((c: { name: string }) => c.name)).toEqual(['메인', '음료']);
    expect(r.body.categories[0].items[0]).toEqual({
      id: a.items[0]!.id,
      name: '김치찌개',
      price: 9000,
      description: '김치찌개 설명',
      imageUrl: null,
      thumbnailUrl: null,
      soldOut: false,
      optionGroups: [],
    });
  });

  it('answers 304 for a matching ETag and a new ETag after any menu change', async () => {
    const first = await tab.get('/api/v1/table/menu');
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await t.app.inject({
      url: '/api/v1/table/menu',
      headers: { authorization: (await tabAuth()) ?? '', 'if-none-match': etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(
      (await a.admin.patch(`/api/v1/admin/menu-items/${a.items[3]!.id}`, { soldOut: true })).status,
    ).toBe(200);
    const changed = await tab.get('/api/v1/table/menu', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const sprite = changed.body.categories[1].items.find((i: { id: number }) => i.id === a.items[3]!.id);
    expect(sprite.soldOut).toBe(true);
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[3]!.id}`, { soldOut: false });
  });

  it('sends the menu gzipped to clients that accept it, with one weak ETag for both encodings', async () => {
    const auth = (await tabAuth()) ?? '';
    const plain = await t.app.inject({ url: '/api/v1/table/menu', headers: { authorization: auth } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toContain('accept-encoding');
    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const zipped = await t.app.inject({
      url: '/api/v1/table/menu',
      headers: { authorization: auth, 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toBe(etag);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(plain.body);
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
    for (const refused of ['gzip;q=0', 'identity', 'br', '*;q=0']) {
      const r = await t.app.inject({
        url: '/api/v1/table/menu',
        headers: { authorization: auth, 'accept-encoding': refused },
      });
      expect(r.headers['content-encoding'], refused).toBeUndefined();
    }
    const any = await t.app.inject({
      url: '/api/v1/table/menu',
      headers: { authorization: auth, 'accept-encoding': '*' },
    });
    expect(any.headers['content-encoding']).toBe('gzip');
    // The ETag of either encoding revalidates (also in its strong spelling, as earlier releases sent it).
    for (const inm of [etag, etag.replace(/^W\//, '')]) {
      const again = await t.app.inject({
        url: '/api/v1/table/menu',
        headers: { authorization: auth, 'accept-encoding': 'gzip', 'if-none-match': inm },
      });
      expect(again.statusCode).toBe(304);
    }
  });

  async function tabAuth() {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/table/login',
      payload: { storeIdentifier: 'store-a', tableNumber: 1, password: 'pw-1' },
    });
    return `Bearer ${(JSON.parse(r.body) as { accessToken: string }).accessToken}`;
  }

  it('manages categories: create, unique names, rename, reorder, delete only when empty', async () => {
    const c = await a.admin.post('/api/v1/admin/categories', { name: '  주류 ' });
    expect(c.status).toBe(201);
    expect(c.body).toEqual({ id: c.body.id, name: '주류', displayOrder: 2, translations: {} });
    expectError(await a.admin.post('/api/v1/admin/categories', { name: '주류' }), 409, 'category_name_taken');
    expectError(
      await a.admin.patch(`/api/v1/admin/categories/${c.body.id}`, { name: '메인' }),
      409,
      'category_name_taken',
    );
    const renamed = await a.admin.patch(`/api/v1/admin/categories/${c.body.id}`, { name: '술' });
    expect(renamed.body.name).toBe('술');
    // Another store may use the same name.
    expect((await b.admin.post('/api/v1/admin/categories', { name: '술' })).status).toBe(201);

    const ids = [c.body.id, a.categories[1]!.id, a.categories[0]!.id];
    const ordered = await a.admin.put('/api/v1/admin/categories/order', { ids });
    expect(ordered.status).toBe(200);
    expect(ordered.body.items.map((x: { id: number }) => x.id)).toEqual(ids);
    expect(
      (await tab.get('/api/v1/table/menu')).body.categories.map((x: { name: string }) => x.name),
    ).toEqual(['술', '음료', '메인']);
    // Partial or foreign id lists are refused; nothing changes.
    expectError(await a.admin.put('/api/v1/admin/categories/order', { ids: ids.slice(1) }), 422);
    expectError(await a.admin.put('/api/v1/admin/categories/order', { ids: [ids[0], ids[0], ids[1]] }), 422);
    expectError(await a.admin.put('/api/v1/admin/categories/order', { ids: [...ids.slice(1), 999999] }), 422);
    await a.admin.put('/api/v1/admin/categories/order', {
      ids: [a.categories[0]!.id, a.categories[1]!.id, c.body.id],
    });

    expectError(
      await a.admin.delete(`/api/v1/admin/categories/${a.categories[0]!.id}`),
      409,
      'category_not_empty',
    );
    expect((await a.admin.delete(`/api/v1/admin/categories/${c.body.id}`)).status).toBe(204);
    expectError(await a.admin.delete(`/api/v1/admin/categories/${c.body.id}`), 404);
    // Its name is free again.
    const again = await a.admin.post('/api/v1/admin/categories', { name: '술' });
    expect(again.status).toBe(201);
    await a.admin.delete(`/api/v1/admin/categories/${again.body.id}`);
  });

  it('validates category and item limits', async () => {
    expectError(await a.admin.post('/api/v1/admin/categories', { name: '' }), 422);
    expectError(await a.admin.post('/api/v1/admin/categories', { name: '   ' }), 422);
    expectError(await a.admin.post('/api/v1/admin/categories', { name: 'x'.repeat(51) }), 422);
    expect((await a.admin.post('/api/v1/admin/categories', { name: 'y'.repeat(50) })).status).toBe(201);
    const cat = a.categories[0]!.id;
    const bad = [
      { categoryId: cat, name: '', price: 1 },
      { categoryId: cat, name: 'x'.repeat(101), price: 1 },
      { categoryId: cat, name: 'ok', price: -1 },
      { categoryId: cat, name: 'ok', price: 10_000_001 },
      { categoryId: cat, name: 'ok', price: 1.5 },
      { categoryId: cat, name: 'ok', price: '1000' },
      { categoryId: cat, name: 'ok', price: 1, description: 'x'.repeat(501) },
      { categoryId: cat, name: 'ok', price: 1, soldOut: 'yes' },
      { categoryId: cat, name: 'ok', price: 1, imageKey: '../../etc/passwd' },
      { name: 'ok', price: 1 },
    ];
    for (const body of bad)
      expectError(await a.admin.post('/api/v1/admin/menu-items', body), 422, 'validation_failed');
    const edge = await a.admin.post('/api/v1/admin/menu-items', {
      categoryId: cat,
      name: 'x'.repeat(100),
      price: 10_000_000,
      description: 'd'.repeat(500),
    });
    expect(edge.status).toBe(201);
    expect(
      (await a.admin.post('/api/v1/admin/menu-items', { categoryId: cat, name: 'free', price: 0 })).status,
    ).toBe(201);
    expectError(
      await a.admin.post('/api/v1/admin/menu-items', { categoryId: 999999, name: 'ok', price: 1 }),
      422,
      'unknown_category',
    );
    expectError(
      await a.admin.post('/api/v1/admin/menu-items', {
        categoryId: b.categories[0]!.id,
        name: 'ok',
        price: 1,
      }),
      422,
      'unknown_category',
    );
    expectError(
      await a.admin.post('/api/v1/admin/menu-items', {
        categoryId: cat,
        name: 'ok',
        price: 1,
        imageKey: 'ab'.repeat(16),
      }),
      422,
      'unknown_image',
    );
  });

  it('creates, edits, moves, reorders and soft-deletes items', async () => {
    const [main, drinks] = a.categories;
    const created = await a.admin.post('/api/v1/admin/menu-items', {
      categoryId: main!.id,
      name: '비빔밥',
      price: 9500,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      categoryId: main!.id,
      name: '비빔밥',
      price: 9500,
      description: '',
      imageKey: null,
      soldOut: false,
    });
    const id = created.body.id as number;
    const edited = await a.admin.patch(`/api/v1/admin/menu-items/${id}`, {
      price: 10000,
      description: '돌솥',
      soldOut: true,
    });
    expect(edited.body).toMatchObject({ price: 10000, description: '돌솥', soldOut: true, name: '비빔밥' });

    const list = await a.admin.get(`/api/v1/admin/menu-items?categoryId=${main!.id}`);
    const ids = list.body.items.map((x: { id: number }) => x.id) as number[];
    expect(ids).toContain(id);
    expect(list.body.items.find((x: { id: number }) => x.id === id).soldOut).toBe(true);
    const reversed = [...ids].reverse();
    const reordered = await a.admin.put('/api/v1/admin/menu-items/order', {
      categoryId: main!.id,
      ids: reversed,
    });
    expect(reordered.body.items.map((x: { id: number }) => x.id)).toEqual(reversed);
    expectError(
      await a.admin.put('/api/v1/admin/menu-items/order', { categoryId: drinks!.id, ids: reversed }),
      422,
    );

    const moved = await a.admin.patch(`/api/v1/admin/menu-items/${id}`, { categoryId: drinks!.id });
    expect(moved.body.categoryId).toBe(drinks!.id);
    expectError(
      await a.admin.patch(`/api/v1/admin/menu-items/${id}`, { categoryId: 999999 }),
      422,
      'unknown_category',
    );

    expect((await a.admin.delete(`/api/v1/admin/menu-items/${id}`)).status).toBe(204);
    expectError(await a.admin.patch(`/api/v1/admin/menu-items/${id}`, { price: 1 }), 404);
    expectError(await a.admin.delete(`/api/v1/admin/menu-items/${id}`), 404);
    const all = await a.admin.get('/api/v1/admin/menu-items');
    expect(all.body.items.some((x: { id: number }) => x.id === id)).toBe(false);
    const menu = await tab.get('/api/v1/table/menu');
    expect(JSON.stringify(menu.body)).not.toContain('비빔밥');
  });

  it('lists every item of the store in menu order including sold-out ones', async () => {
    const r = await a.admin.get('/api/v1/admin/menu-items');
    expect(r.status).toBe(200);
    const names = r.body.items.map((x: { name: string }) => x.name);
    expect(names.indexOf('김치찌개')).toBeLessThan(names.indexOf('콜라'));
    expect(
      r.body.items.every((x: { categoryId: number }) => a.categories.some((c) => c.id === x.categoryId)),
    ).toBe(true);
  });

  it('keeps another store’s menu invisible (404)', async () => {
    const foreign = b.items[0]!.id;
    expectError(await a.admin.patch(`/api/v1/admin/menu-items/${foreign}`, { price: 1 }), 404);
    expectError(await a.admin.delete(`/api/v1/admin/menu-items/${foreign}`), 404);
    expectError(
      await a.admin.patch(`/api/v1/admin/categories/${b.categories[0]!.id}`, { name: 'hack' }),
      404,
    );
    expectError(await a.admin.delete(`/api/v1/admin/categories/${b.categories[0]!.id}`), 404);
    const bMenu = await b.admin.get('/api/v1/admin/menu-items');
    expect(bMenu.body.items.find((x: { id: number }) => x.id === foreign).price).toBe(9000);
    const aList = await a.admin.get('/api/v1/admin/menu-items');
    expect(aList.body.items.some((x: { id: number }) => x.id === foreign)).toBe(false);
  });

  it('records a menu.changed event for every menu change', async () => {
    const before = await t.runtime.ctx.db
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'menu.changed')
      .execute();
    await a.admin.patch(`/api/v1/admin/menu-items/${a.items[0]!.id}`, { price: 9100 });
    const after = await t.runtime.ctx.db
      .selectFrom('events')
      .selectAll()
      .where('type', '=', 'menu.changed')
      .orderBy('id')
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)!.table_id).toBeNull();
  });
});
