// Menu options (SPEC 10) through the HTTP API: option groups, their place on items and in the table
// menu, and orders that choose options. Runs on SQLite (api) and MariaDB (services).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTestApp,
  expectError,
  seedStore,
  type ApiResponse,
  type Client,
  type StoreFixture,
  type TestApp,
} from '../../../test/harness.js';

interface Group {
  id: number;
  name: string;
  minSelect: number;
  maxSelect: number;
  options: { id: number; name: string; priceDelta: number; soldOut: boolean; translations?: object }[];
  translations?: object;
}

const GROUPS = '/api/v1/admin/option-groups';

/** An error answer's message and details, after checking its status and code. */
function refusal<T = unknown>(res: ApiResponse, status: number, code: string) {
  return expectError(res, status, code) as unknown as { message: string; details: T[] };
}
const ORDERS = '/api/v1/table/orders';

describe('menu options', () => {
  let t: TestApp;
  let a: StoreFixture;
  let b: StoreFixture;
  let tab: Client;
  /** 맵기: required single choice. 토핑: optional, up to 2. */
  let spicy: Group;
  let topping: Group;
  let foreign: Group;
  const stew = () => a.items[0]!;
  const opt = (g: Group, name: string) => g.options.find((o) => o.name === name)!.id;

  const menuChangedCount = async () =>
    (await t.runtime.ctx.db.selectFrom('events').select('id').where('type', '=', 'menu.changed').execute())
      .length;

  beforeAll(async () => {
    t = await createTestApp();
    a = await seedStore(t, 'store-a', { tables: 2 });
    b = await seedStore(t, 'store-b', { tables: 1 });
    tab = await a.tableClient(1);
    const s = await a.admin.post<Group>(GROUPS, {
      name: '맵기 선택',
      minSelect: 1,
      maxSelect: 1,
      options: [
        { name: '순한맛', priceDelta: 0 },
        { name: '보통', priceDelta: 0 },
        { name: '아주 매운맛', priceDelta: 500 },
      ],
    });
    expect(s.status).toBe(201);
    spicy = s.body;
    const tp = await a.admin.post<Group>(GROUPS, {
      name: '토핑 추가',
      minSelect: 0,
      maxSelect: 2,
      options: [
        { name: '치즈', priceDelta: 1000 },
        { name: '라면사리', priceDelta: 1500 },
        { name: '떡사리', priceDelta: 1000 },
      ],
    });
    topping = tp.body;
    foreign = (
      await b.admin.post<Group>(GROUPS, {
        name: '사이즈',
        minSelect: 0,
        maxSelect: 1,
        options: [{ name: '대', priceDelta: 2000 }],
      })
    ).body;
    const assigned = await a.admin.patch(`/api/v1/admin/menu-items/${stew().id}`, {
      optionGroupIds: [spicy.id, topping.id],
    });
    expect(assigned.status).toBe(200);
  });
  afterAll(() => t.close());

  describe('option groups', () => {
    it('creates a group with its options in order; names are unique in the store', async () => {
      expect(spicy).toEqual({
        id: expect.any(Number),
        name: '맵기 선택',
        minSelect: 1,
        maxSelect: 1,
        options: [
          { id: expect.any(Number), name: '순한맛', priceDelta: 0, soldOut: false, translations: {} },
          { id: expect.any(Number), name: '보통', priceDelta: 0, soldOut: false, translations: {} },
          { id: expect.any(Number), name: '아주 매운맛', priceDelta: 500, soldOut: false, translations: {} },
        ],
        translations: {},
      });
      const list = await a.admin.get<{ items: Group[] }>(GROUPS);
      expect(list.status).toBe(200);
      expect(list.body.items.map((g) => g.name)).toEqual(['맵기 선택', '토핑 추가']);
      expect(list.body.items[0]).toEqual(spicy);
      expectError(
        await a.admin.post(GROUPS, {
          name: ' 맵기 선택 ',
          minSelect: 0,
          maxSelect: 1,
          options: [{ name: 'x', priceDelta: 0 }],
        }),
        409,
        'option_group_name_taken',
      );
      // Another store may use the same name; its groups are not listed here.
      expect((await b.admin.get<{ items: Group[] }>(GROUPS)).body.items.map((g) => g.id)).toEqual([
        foreign.id,
      ]);
    });

    it('edits options as a full list: ids kept, new entries added, missing ones removed, list order', async () => {
      const g = (
        await a.admin.post<Group>(GROUPS, {
          name: '사리',
          minSelect: 0,
          maxSelect: 2,
          options: [
            { name: '라면', priceDelta: 1000 },
            { name: '쫄면', priceDelta: 1000 },
            { name: '당면', priceDelta: 800, soldOut: true },
          ],
        })
      ).body;
      const [ramen, jjol, dang] = g.options;
      const r = await a.admin.patch<Group>(`${GROUPS}/${g.id}`, {
        name: '사리 추가',
        options: [
          { id: dang!.id, name: '당면', priceDelta: 900 },
          { name: '우동', priceDelta: 1500 },
          { id: ramen!.id, name: '라면사리', priceDelta: 1200, soldOut: true },
        ],
      });
      expect(r.status).toBe(200);
      expect(r.body).toEqual({
        id: g.id,
        name: '사리 추가',
        minSelect: 0,
        maxSelect: 2,
        options: [
          // Sold out stays as it was when the entry does not say.
          { id: dang!.id, name: '당면', priceDelta: 900, soldOut: true, translations: {} },
          { id: expect.any(Number), name: '우동', priceDelta: 1500, soldOut: false, translations: {} },
          { id: ramen!.id, name: '라면사리', priceDelta: 1200, soldOut: true, translations: {} },
        ],
        translations: {},
      });
      expect(r.body.options.map((o) => o.id)).not.toContain(jjol!.id);
      // Limits alone, options untouched.
      const limits = await a.admin.patch<Group>(`${GROUPS}/${g.id}`, { minSelect: 1, maxSelect: 3 });
      expect(limits.body).toMatchObject({ minSelect: 1, maxSelect: 3, options: r.body.options });
      // Reorder: the same ids in another order.
      const reordered = await a.admin.patch<Group>(`${GROUPS}/${g.id}`, {
        options: r.body.options.toReversed(),
      });
      expect(reordered.body.options.map((o) => o.name)).toEqual(['라면사리', '우동', '당면']);
      // Renaming to its own name is fine; to another group's name is 409.
      expect((await a.admin.patch(`${GROUPS}/${g.id}`, { name: '사리 추가' })).status).toBe(200);
      expectError(
        await a.admin.patch(`${GROUPS}/${g.id}`, { name: '토핑 추가' }),
        409,
        'option_group_name_taken',
      );
      expect((await a.admin.delete(`${GROUPS}/${g.id}`)).status).toBe(204);
      expect((await a.admin.get<{ items: Group[] }>(GROUPS)).body.items.map((x) => x.id)).not.toContain(g.id);
    });

    it('enforces every limit with 422', async () => {
      const base = { name: '한계', minSelect: 0, maxSelect: 1, options: [{ name: 'a', priceDelta: 0 }] };
      const many = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `o${i}`, priceDelta: 0 }));
      const bad: [string, object][] = [
        ['blank name', { ...base, name: '   ' }],
        ['name 51', { ...base, name: 'n'.repeat(51) }],
        ['minSelect -1', { ...base, minSelect: -1 }],
        ['minSelect 11', { ...base, minSelect: 11, maxSelect: 10, options: many(11) }],
        ['maxSelect 0', { ...base, maxSelect: 0 }],
        ['maxSelect 11', { ...base, maxSelect: 11, options: many(11) }],
        ['min above max', { ...base, minSelect: 2, maxSelect: 1, options: many(2) }],
        ['max above options', { ...base, maxSelect: 2 }],
        ['no options', { ...base, options: [] }],
        ['31 options', { ...base, options: many(31) }],
        ['option name blank', { ...base, options: [{ name: ' ', priceDelta: 0 }] }],
        ['option name 51', { ...base, options: [{ name: 'o'.repeat(51), priceDelta: 0 }] }],
        ['delta above 1,000,000', { ...base, options: [{ name: 'a', priceDelta: 1_000_001 }] }],
        ['delta below -1,000,000', { ...base, options: [{ name: 'a', priceDelta: -1_000_001 }] }],
        ['delta not whole', { ...base, options: [{ name: 'a', priceDelta: 10.5 }] }],
        ['same option name twice', { ...base, options: [...many(1), ...many(1)] }],
        [
          'an option id on a new group',
          { ...base, options: [{ id: opt(spicy, '보통'), name: 'a', priceDelta: 0 }] },
        ],
        ['missing fields', { name: '한계' }],
      ];
      for (const [label, body] of bad) {
        const r = await a.admin.post(GROUPS, body);
        expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(422);
      }
      const edge = await a.admin.post<Group>(GROUPS, {
        name: 'n'.repeat(50),
        minSelect: 10,
        maxSelect: 10,
        options: [
          { name: 'o'.repeat(50), priceDelta: 1_000_000 },
          { name: 'low', priceDelta: -1_000_000 },
          ...many(28),
        ],
      });
      expect(edge.status, JSON.stringify(edge.body)).toBe(201);
      expect(edge.body.options).toHaveLength(30);
      const id = edge.body.id;
      const badPatches: [string, object][] = [
        ['empty', {}],
        ['fewer options than maxSelect', { options: many(9) }],
        ['min above max', { minSelect: 10, maxSelect: 9 }],
        ['unknown option id', { options: [{ id: 987_654, name: 'x', priceDelta: 0 }] }],
        ['another group’s option', { options: [{ id: opt(spicy, '보통'), name: 'x', priceDelta: 0 }] }],
        ['another store’s option', { options: [{ id: foreign.options[0]!.id, name: 'x', priceDelta: 0 }] }],
        [
          'one id twice',
          {
            minSelect: 0,
            maxSelect: 1,
            options: [edge.body.options[0], { ...edge.body.options[0]!, name: 'other' }],
          },
        ],
      ];
      for (const [label, body] of badPatches) {
        const r = await a.admin.patch(`${GROUPS}/${id}`, body);
        expect(r.status, `${label}: ${JSON.stringify(r.body)}`).toBe(422);
      }
      // Nothing of the refused patches stuck.
      const after = (await a.admin.get<{ items: Group[] }>(GROUPS)).body.items.find((g) => g.id === id);
      expect(after).toEqual(edge.body);
      expect((await a.admin.delete(`${GROUPS}/${id}`)).status).toBe(204);
    });

    it('refuses to delete a group live items use, naming them; deleted items do not count', async () => {
      const del = refusal(await a.admin.delete(`${GROUPS}/${spicy.id}`), 409, 'option_group_in_use');
      expect(del.message).toContain('김치찌개');
      expect(del.details).toEqual([{ menuItemId: stew().id, name: '김치찌개' }]);

      const temp = (
        await a.admin.post<Group>(GROUPS, {
          name: '임시',
          minSelect: 0,
          maxSelect: 1,
          options: [{ name: 'x', priceDelta: 0 }],
        })
      ).body;
      const item = await a.admin.post('/api/v1/admin/menu-items', {
        categoryId: a.categories[0]!.id,
        name: '임시 메뉴',
        price: 1000,
        optionGroupIds: [temp.id],
      });
      expectError(await a.admin.delete(`${GROUPS}/${temp.id}`), 409, 'option_group_in_use');
      expect((await a.admin.delete(`/api/v1/admin/menu-items/${item.body.id}`)).status).toBe(204);
      expect((await a.admin.delete(`${GROUPS}/${temp.id}`)).status).toBe(204);
    });

    it('hides another store’s groups (404) and leaves them unchanged', async () => {
      expectError(await a.admin.patch(`${GROUPS}/${foreign.id}`, { name: 'hack' }), 404, 'not_found');
      expectError(await a.admin.delete(`${GROUPS}/${foreign.id}`), 404, 'not_found');
      expectError(await a.admin.patch(`${GROUPS}/987654`, { name: 'x' }), 404, 'not_found');
      expect((await b.admin.get<{ items: Group[] }>(GROUPS)).body.items).toEqual([foreign]);
      // A table token cannot reach the admin routes.
      expectError(await tab.get(GROUPS), 403);
    });

    it('records menu.changed for every option change', async () => {
      const before = await menuChangedCount();
      const g = (
        await a.admin.post<Group>(GROUPS, {
          name: '이벤트',
          minSelect: 0,
          maxSelect: 1,
          options: [{ name: 'x', priceDelta: 0 }],
        })
      ).body;
      await a.admin.patch(`${GROUPS}/${g.id}`, { options: [{ ...g.options[0]!, soldOut: true }] });
      await a.admin.delete(`${GROUPS}/${g.id}`);
      expect(await menuChangedCount()).toBe(before + 3);
    });
  });

  describe('menu items and the table menu', () => {
    it('carries optionGroupIds in order on every item shape; create, patch and clear them', async () => {
      const one = await a.admin.get(`/api/v1/admin/menu-items/${stew().id}`);
      expect(one.body.optionGroupIds).toEqual([spicy.id, topping.id]);
      const list = await a.admin.get<{ items: { id: number; optionGroupIds: number[] }[] }>(
        '/api/v1/admin/menu-items',
      );
      expect(list.body.items.find((i) => i.id === stew().id)?.optionGroupIds).toEqual([spicy.id, topping.id]);
      expect(list.body.items.find((i) => i.id === a.items[1]!.id)?.optionGroupIds).toEqual([]);
      const byCategory = await a.admin.get<{ items: { id: number; optionGroupIds: number[] }[] }>(
        `/api/v1/admin/menu-items?categoryId=${a.categories[0]!.id}`,
      );
      expect(byCategory.body.items.find((i) => i.id === stew().id)?.optionGroupIds).toEqual([
        spicy.id,
        topping.id,
      ]);

      const created = await a.admin.post('/api/v1/admin/menu-items', {
        categoryId: a.categories[0]!.id,
        name: '떡볶이',
        price: 6000,
        optionGroupIds: [topping.id, spicy.id],
      });
      expect(created.status).toBe(201);
      expect(created.body.optionGroupIds).toEqual([topping.id, spicy.id]);
      const reordered = await a.admin.patch(`/api/v1/admin/menu-items/${created.body.id}`, {
        optionGroupIds: [spicy.id, topping.id],
      });
      expect(reordered.body.optionGroupIds).toEqual([spicy.id, topping.id]);
      // Other fields leave the groups alone.
      const renamed = await a.admin.patch(`/api/v1/admin/menu-items/${created.body.id}`, { price: 6500 });
      expect(renamed.body.optionGroupIds).toEqual([spicy.id, topping.id]);
      const cleared = await a.admin.patch(`/api/v1/admin/menu-items/${created.body.id}`, {
        optionGroupIds: [],
      });
      expect(cleared.body.optionGroupIds).toEqual([]);
      expect((await a.admin.delete(`/api/v1/admin/menu-items/${created.body.id}`)).status).toBe(204);
    });

    it('refuses unknown, foreign, repeated or too many groups on an item (422)', async () => {
      const url = `/api/v1/admin/menu-items/${a.items[1]!.id}`;
      expectError(await a.admin.patch(url, { optionGroupIds: [foreign.id] }), 422, 'unknown_option_group');
      expectError(
        await a.admin.patch(url, { optionGroupIds: [spicy.id, 987654] }),
        422,
        'unknown_option_group',
      );
      expectError(
        await a.admin.post('/api/v1/admin/menu-items', {
          categoryId: a.categories[0]!.id,
          name: '실패',
          price: 1,
          optionGroupIds: [foreign.id],
        }),
        422,
        'unknown_option_group',
      );
      expectError(
        await a.admin.patch(url, { optionGroupIds: [spicy.id, spicy.id] }),
        422,
        'validation_failed',
      );
      expectError(
        await a.admin.patch(url, { optionGroupIds: Array.from({ length: 11 }, (_, i) => i + 1) }),
        422,
        'validation_failed',
      );
      expect((await a.admin.get(url)).body.optionGroupIds).toEqual([]);
      // Ten distinct groups is the limit and allowed.
      const ten: number[] = [];
      for (let i = 0; i < 10; i++) {
        const g = await a.admin.post<Group>(GROUPS, {
          name: `열개 ${i}`,
          minSelect: 0,
          maxSelect: 1,
          options: [{ name: 'x', priceDelta: 0 }],
        });
        ten.push(g.body.id);
      }
      expect((await a.admin.patch(url, { optionGroupIds: ten })).body.optionGroupIds).toEqual(ten);
      await a.admin.patch(url, { optionGroupIds: [] });
      for (const id of ten) expect((await a.admin.delete(`${GROUPS}/${id}`)).status).toBe(204);
    });

    it('puts each item’s option groups in the table menu, in order, with a new ETag on any option change', async () => {
      const first = await tab.get('/api/v1/table/menu');
      const item = first.body.categories[0].items.find((i: { id: number }) => i.id === stew().id);
      // The admin shapes without their `translations` (the table menu has none).
      const tableShape = ({ translations: _t, ...g }: Group) => ({
        ...g,
        options: g.options.map(({ translations: _o, ...o }) => o),
      });
      expect(item.optionGroups).toEqual([tableShape(spicy), tableShape(topping)]);
      const plain = first.body.categories[0].items.find((i: { id: number }) => i.id === a.items[1]!.id);
      expect(plain.optionGroups).toEqual([]);

      const etag = first.headers.etag as string;
      expect((await tab.get('/api/v1/table/menu', { 'if-none-match': etag })).status).toBe(304);
      const soldOut = topping.options.map((o) => ({ ...o, soldOut: o.name === '떡사리' }));
      expect((await a.admin.patch(`${GROUPS}/${topping.id}`, { options: soldOut })).status).toBe(200);
      const changed = await tab.get('/api/v1/table/menu', { 'if-none-match': etag });
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      const after = changed.body.categories[0].items.find((i: { id: number }) => i.id === stew().id);
      expect(after.optionGroups[1].options.find((o: { name: string }) => o.name === '떡사리').soldOut).toBe(
        true,
      );
      await a.admin.patch(`${GROUPS}/${topping.id}`, { options: topping.options });
    });
  });

  describe('orders with options', () => {
    it('prices lines with the deltas and snapshots the choices everywhere the order shows', async () => {
      const r = await tab.post(ORDERS, {
        items: [
          {
            menuItemId: stew().id,
            quantity: 2,
            optionIds: [opt(topping, '라면사리'), opt(spicy, '아주 매운맛'), opt(topping, '치즈')],
          },
          { menuItemId: stew().id, quantity: 1, optionIds: [opt(spicy, '순한맛')] },
          { menuItemId: a.items[2]!.id, quantity: 1 },
        ],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      const unit = 9000 + 500 + 1000 + 1500;
      expect(r.body.items).toEqual([
        {
          id: expect.any(Number),
          cancelledQuantity: 0,
          menuItemId: stew().id,
          name: '김치찌개',
          unitPrice: unit,
          quantity: 2,
          subtotal: unit * 2,
          options: [
            { groupName: '맵기 선택', name: '아주 매운맛', priceDelta: 500 },
            { groupName: '토핑 추가', name: '치즈', priceDelta: 1000 },
            { groupName: '토핑 추가', name: '라면사리', priceDelta: 1500 },
          ],
        },
        {
          id: expect.any(Number),
          cancelledQuantity: 0,
          menuItemId: stew().id,
          name: '김치찌개',
          unitPrice: 9000,
          quantity: 1,
          subtotal: 9000,
          options: [{ groupName: '맵기 선택', name: '순한맛', priceDelta: 0 }],
        },
        {
          id: expect.any(Number),
          cancelledQuantity: 0,
          menuItemId: a.items[2]!.id,
          name: '콜라',
          unitPrice: 2000,
          quantity: 1,
          subtotal: 2000,
          options: [],
        },
      ]);
      expect(r.body.totalAmount).toBe(unit * 2 + 9000 + 2000);

      // Renaming and repricing the options later leaves the snapshot alone.
      const renamed = spicy.options.map((o) => ({
        ...o,
        name: `${o.name}!`,
        priceDelta: o.priceDelta + 100,
      }));
      await a.admin.patch(`${GROUPS}/${spicy.id}`, { name: '맵기', options: renamed });
      const mine = await tab.get(ORDERS);
      expect(mine.body.orders[0].items).toEqual(r.body.items);
      expect((await a.admin.get(`/api/v1/admin/orders/${r.body.id}`)).body.items).toEqual(r.body.items);
      const board = await a.admin.get('/api/v1/admin/dashboard');
      const table = board.body.tables.find((x: { id: number }) => x.id === a.tables[0]!.id);
      expect(table.latestOrders[0].items).toEqual(r.body.items);
      const event = await t.runtime.ctx.db
        .selectFrom('events')
        .select('payload')
        .where('type', '=', 'order.created')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(event.payload).items).toEqual(r.body.items);
      await a.admin.patch(`${GROUPS}/${spicy.id}`, { name: spicy.name, options: spicy.options });

      // History keeps them after checkout.
      expect((await a.admin.post(`/api/v1/admin/tables/${a.tables[0]!.id}/checkout`)).status).toBe(200);
      const history = await a.admin.get(`/api/v1/admin/tables/${a.tables[0]!.id}/history`);
      expect(history.body.orders.find((o: { id: number }) => o.id === r.body.id).items).toEqual(r.body.items);
    });

    it('checks each group’s min and max, ownership and duplicates (422), writing nothing', async () => {
      const before = (await tab.get(ORDERS)).body.orders.length;
      const order = (optionIds: number[] | undefined, menuItemId = stew().id) =>
        tab.post(ORDERS, { items: [{ menuItemId, quantity: 1, ...(optionIds ? { optionIds } : {}) }] });
      const reasons = async (optionIds: number[] | undefined, menuItemId?: number) => {
        const body = refusal<{ reason: string }>(await order(optionIds, menuItemId), 422, 'invalid_options');
        return body.details.map((d) => d.reason);
      };
      const hot = opt(spicy, '아주 매운맛');
      expect(await reasons(undefined)).toEqual(['too_few']);
      expect(await reasons([])).toEqual(['too_few']);
      expect(await reasons([hot, opt(spicy, '보통')])).toEqual(['too_many']);
      expect(
        await reasons([hot, opt(topping, '치즈'), opt(topping, '라면사리'), opt(topping, '떡사리')]),
      ).toEqual(['too_many']);
      expect(await reasons([hot, hot])).toEqual(['duplicate_option']);
      // An option of a group the item does not offer, of another store, or that does not exist.
      expect(await reasons([opt(spicy, '보통')], a.items[1]!.id)).toEqual(['unknown_option']);
      expect(await reasons([hot, foreign.options[0]!.id])).toEqual(['unknown_option']);
      expect(await reasons([hot, 987654])).toEqual(['unknown_option']);
      expectError(
        await tab.post(ORDERS, {
          items: [
            { menuItemId: stew().id, quantity: 1, optionIds: Array.from({ length: 101 }, (_, i) => i + 1) },
          ],
        }),
        422,
        'validation_failed',
      );
      expectError(
        await tab.post(ORDERS, { items: [{ menuItemId: stew().id, quantity: 1, optionIds: ['x'] }] }),
        422,
        'validation_failed',
      );
      expect((await tab.get(ORDERS)).body.orders).toHaveLength(before);
    });

    it('refuses a sold-out option with 409 naming the item and the option', async () => {
      const soldOut = spicy.options.map((o) => ({ ...o, soldOut: o.name === '아주 매운맛' }));
      await a.admin.patch(`${GROUPS}/${spicy.id}`, { options: soldOut });
      const body = refusal(
        await tab.post(ORDERS, {
          items: [{ menuItemId: stew().id, quantity: 1, optionIds: [opt(spicy, '아주 매운맛')] }],
        }),
        409,
        'options_unavailable',
      );
      expect(body.details).toEqual([
        {
          menuItemId: stew().id,
          name: '김치찌개',
          optionId: opt(spicy, '아주 매운맛'),
          optionName: '아주 매운맛',
        },
      ]);
      expect(body.message).toContain('김치찌개');
      expect(body.message).toContain('아주 매운맛');
      // Another option of the same group still orders.
      const ok = await tab.post(ORDERS, {
        items: [{ menuItemId: stew().id, quantity: 1, optionIds: [opt(spicy, '보통')] }],
      });
      expect(ok.status).toBe(201);
      await a.admin.patch(`${GROUPS}/${spicy.id}`, { options: spicy.options });
    });

    it('refuses options that would make the unit price negative (422); exactly 0 is fine', async () => {
      const discount = (
        await a.admin.post<Group>(GROUPS, {
          name: '할인',
          minSelect: 0,
          maxSelect: 1,
          options: [
            { name: '전액', priceDelta: -2000 },
            { name: '과다', priceDelta: -2001 },
          ],
        })
      ).body;
      const cola = a.items[2]!;
      await a.admin.patch(`/api/v1/admin/menu-items/${cola.id}`, { optionGroupIds: [discount.id] });
      const body = refusal<{ reason: string }>(
        await tab.post(ORDERS, {
          items: [{ menuItemId: cola.id, quantity: 1, optionIds: [opt(discount, '과다')] }],
        }),
        422,
        'invalid_options',
      );
      expect(body.details.map((d) => d.reason)).toEqual(['negative_price']);
      const free = await tab.post(ORDERS, {
        items: [{ menuItemId: cola.id, quantity: 3, optionIds: [opt(discount, '전액')] }],
      });
      expect(free.status).toBe(201);
      expect(free.body).toMatchObject({ totalAmount: 0, items: [{ unitPrice: 0, subtotal: 0 }] });
      await a.admin.patch(`/api/v1/admin/menu-items/${cola.id}`, { optionGroupIds: [] });
    });

    it('is idempotent over the options: the same choices replay, other choices with the key are 422', async () => {
      const key = crypto.randomUUID();
      const line = (optionIds: number[]) => ({ items: [{ menuItemId: stew().id, quantity: 1, optionIds }] });
      const first = await tab.post(ORDERS, line([opt(spicy, '보통'), opt(topping, '치즈')]), {
        'idempotency-key': key,
      });
      expect(first.status).toBe(201);
      const repeat = await tab.post(ORDERS, line([opt(topping, '치즈'), opt(spicy, '보통')]), {
        'idempotency-key': key,
      });
      expect(repeat.headers['idempotent-replayed']).toBe('true');
      expect(repeat.body).toEqual(first.body);
      expectError(
        await tab.post(ORDERS, line([opt(spicy, '보통'), opt(topping, '떡사리')]), {
          'idempotency-key': key,
        }),
        422,
        'idempotency_key_reused',
      );
      expectError(
        await tab.post(ORDERS, line([opt(spicy, '보통')]), { 'idempotency-key': key }),
        422,
        'idempotency_key_reused',
      );
    });
  });
});
