import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, createTestApp, type TestApp } from '../../../test/harness.js';
import { DEMO, seedDemoIfEmpty } from './demo-seed.js';

interface MenuItem {
  id: number;
  name: string;
  optionGroups: {
    name: string;
    minSelect: number;
    maxSelect: number;
    options: { id: number; name: string }[];
  }[];
}

describe('demo store', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is seeded once, with option groups a guest can order', async () => {
    expect(await seedDemoIfEmpty(t.runtime.ctx.db)).toBe(true);
    expect(await seedDemoIfEmpty(t.runtime.ctx.db)).toBe(false);
    const login = await client(t.app).post<{ accessToken: string }>('/api/v1/auth/table/login', {
      storeIdentifier: DEMO.store,
      tableNumber: 1,
      password: DEMO.tablePassword,
    });
    const tab = client(t.app, login.body.accessToken);
    const menu = await tab.get<{ categories: { items: MenuItem[] }[] }>('/api/v1/table/menu');
    const items = menu.body.categories.flatMap((c) => c.items);
    const tteok = items.find((i) => i.name === '떡볶이')!;
    expect(tteok.optionGroups.map((g) => [g.name, g.minSelect, g.maxSelect])).toEqual([
      ['맵기 선택', 1, 1],
      ['사리 추가', 0, 3],
    ]);
    expect(items.find((i) => i.name === '레몬에이드')!.optionGroups.map((g) => g.name)).toEqual(['사이즈']);
    // The items the one-tap journeys use stay without options.
    expect(items.find((i) => i.name === '김치찌개')!.optionGroups).toEqual([]);
    // Translated into the three other languages, all enabled.
    const ja = await tab.get<{ categories: { name: string; items: MenuItem[] }[] }>(
      '/api/v1/table/menu?lang=ja',
    );
    expect(ja.body.categories.map((c) => c.name)).toEqual(['メイン', 'サイド', 'ドリンク', 'お酒']);
    const jaTteok = ja.body.categories.flatMap((c) => c.items).find((i) => i.id === tteok.id)!;
    expect(jaTteok.name).toBe('トッポッキ');
    expect(jaTteok.optionGroups[0]!.options.map((o) => o.name)).toEqual(['甘口', '中辛', '辛口', '激辛']);
    const zh = await tab.get<{ categories: { items: MenuItem[] }[] }>('/api/v1/table/menu?lang=zh');
    expect(zh.body.categories[0]!.items[0]!.name).toBe('泡菜汤');

    const [spicy, extras] = tteok.optionGroups;
    const order = await tab.post('/api/v1/table/orders', {
      items: [
        {
          menuItemId: tteok.id,
          quantity: 1,
          optionIds: [spicy!.options[3]!.id, extras!.options[1]!.id],
        },
      ],
    });
    expect(order.status).toBe(201);
    expect(order.body.items[0]).toMatchObject({
      unitPrice: 6000 + 500 + 2000,
      options: [
        { groupName: '맵기 선택', name: '아주 매운맛', priceDelta: 500 },
        { groupName: '사리 추가', name: '치즈', priceDelta: 2000 },
      ],
    });
  });
});
