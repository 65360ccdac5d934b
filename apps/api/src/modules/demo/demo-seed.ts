import type { Db } from '../../infra/db.js';
import { hashPassword } from '../../infra/passwords.js';
import { insertCategory, insertGroup, insertItem, insertOptions, setItemGroups } from '../menu/index.js';
import { countStores, createStore, updateStoreSettings } from '../stores/index.js';
import { insertTables } from '../tables/index.js';

export const DEMO = {
  store: 'demo',
  storeName: '데모 식당',
  admin: 'admin',
  adminPassword: 'demo1234',
  tablePassword: '1234',
  tables: 10,
  requestChips: ['덜 맵게', '맵게', '양 많이', '포장해 주세요'],
} as const;

/** Option groups (SPEC 10): name, minSelect, maxSelect, options [name, price delta]. */
const OPTION_GROUPS: {
  name: string;
  minSelect: number;
  maxSelect: number;
  options: [name: string, priceDelta: number][];
}[] = [
  {
    name: '맵기 선택',
    minSelect: 1,
    maxSelect: 1,
    options: [
      ['순한맛', 0],
      ['보통맛', 0],
      ['매운맛', 0],
      ['아주 매운맛', 500],
    ],
  },
  {
    name: '사리 추가',
    minSelect: 0,
    maxSelect: 3,
    options: [
      ['라면사리', 1500],
      ['치즈', 2000],
      ['떡사리', 1000],
      ['당면사리', 1000],
    ],
  },
  {
    name: '사이즈',
    minSelect: 1,
    maxSelect: 1,
    options: [
      ['레귤러', 0],
      ['라지', 1000],
    ],
  },
];

type DemoItem = [name: string, price: number, description: string, optionGroups?: string[]];

// Items the browser journeys add with one tap carry no options (an item with options opens its sheet);
// 떡볶이 and 레몬에이드 show the options.
const MENU: { category: string; items: DemoItem[] }[] = [
  {
    category: '메인',
    items: [
      ['김치찌개', 9000, '잘 익은 김치와 돼지고기를 푹 끓인 찌개'],
      ['된장찌개', 8500, '두부와 애호박을 넣은 구수한 된장찌개'],
      ['제육볶음', 11000, '매콤달콤한 돼지고기 볶음'],
      ['불고기', 13000, '간장 양념에 재운 소불고기'],
    ],
  },
  {
    category: '사이드',
    items: [
      ['계란말이', 7000, '부드럽게 말아낸 계란말이'],
      ['해물파전', 14000, '오징어와 새우가 듬뿍 들어간 파전'],
      ['공기밥', 1000, '갓 지은 쌀밥'],
      ['떡볶이', 6000, '쫄깃한 밀떡과 어묵을 매콤달콤하게', ['맵기 선택', '사리 추가']],
    ],
  },
  {
    category: '음료',
    items: [
      ['콜라', 2000, '355ml'],
      ['사이다', 2000, '355ml'],
      ['식혜', 3000, '직접 만든 달콤한 식혜'],
      ['레몬에이드', 4000, '생레몬을 짜 넣은 탄산 음료', ['사이즈']],
    ],
  },
  {
    category: '주류',
    items: [
      ['소주', 5000, '360ml'],
      ['맥주', 5000, '500ml 생맥주'],
    ],
  },
];

/**
 * On an empty database, creates the demo store with an admin, tables 1–10 and a Korean menu with a few
 * option groups.
 */
export async function seedDemoIfEmpty(db: Db, now = Date.now()): Promise<boolean> {
  if ((await countStores(db)) > 0) return false;
  const { storeId } = await createStore(db, {
    identifier: DEMO.store,
    name: DEMO.storeName,
    admin: DEMO.admin,
    password: DEMO.adminPassword,
  });
  const tableHash = await hashPassword(DEMO.tablePassword);
  await db.transaction().execute(async (trx) => {
    const numbers = Array.from({ length: DEMO.tables }, (_, i) => i + 1);
    await insertTables(trx, storeId, numbers, tableHash, now);
    await updateStoreSettings(trx, storeId, { requestChips: [...DEMO.requestChips] });
    const groupIds = new Map<string, number>();
    for (const g of OPTION_GROUPS) {
      const id = await insertGroup(
        trx,
        storeId,
        { name: g.name, min_select: g.minSelect, max_select: g.maxSelect },
        now,
      );
      await insertOptions(
        trx,
        storeId,
        id,
        g.options.map(([name, priceDelta], i) => ({
          name,
          price_delta: priceDelta,
          sold_out: 0,
          display_order: i,
        })),
      );
      groupIds.set(g.name, id);
    }
    for (const group of MENU) {
      const { id: categoryId } = await insertCategory(trx, storeId, group.category, now);
      for (const [name, price, description, optionGroups = []] of group.items) {
        const itemId = await insertItem(
          trx,
          storeId,
          { category_id: categoryId, name, price, description, image_key: null, sold_out: 0 },
          now,
        );
        const ids = optionGroups.flatMap((g) => groupIds.get(g) ?? []);
        if (ids.length > 0) await setItemGroups(trx, storeId, itemId, ids);
      }
    }
  });
  return true;
}
