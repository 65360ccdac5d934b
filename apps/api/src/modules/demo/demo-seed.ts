import type { Db } from '../../infra/db.js';
import { hashPassword } from '../../infra/passwords.js';
import { insertCategory, insertItem } from '../menu/index.js';
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

const MENU: { category: string; items: [name: string, price: number, description: string][] }[] = [
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
    ],
  },
  {
    category: '음료',
    items: [
      ['콜라', 2000, '355ml'],
      ['사이다', 2000, '355ml'],
      ['식혜', 3000, '직접 만든 달콤한 식혜'],
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

/** On an empty database, creates the demo store with an admin, tables 1–10 and a Korean menu. */
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
    for (const group of MENU) {
      const { id: categoryId } = await insertCategory(trx, storeId, group.category, now);
      for (const [name, price, description] of group.items) {
        await insertItem(
          trx,
          storeId,
          { category_id: categoryId, name, price, description, image_key: null, sold_out: 0 },
          now,
        );
      }
    }
  });
  return true;
}
