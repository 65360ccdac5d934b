import { storedTranslations, type Translations } from '@table-order/contracts';
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

/** Names in English, Japanese and Chinese (SPEC 14), by Korean name. */
const NAMES: Record<string, [en: string, ja: string, zh: string]> = {
  '맵기 선택': ['Spice level', '辛さ', '辣度'],
  순한맛: ['Mild', '甘口', '微辣'],
  보통맛: ['Medium', '中辛', '中辣'],
  매운맛: ['Hot', '辛口', '辣'],
  '아주 매운맛': ['Extra hot', '激辛', '特辣'],
  '사리 추가': ['Add-ons', 'トッピング', '加料'],
  라면사리: ['Ramen noodles', 'ラーメン麺', '拉面'],
  치즈: ['Cheese', 'チーズ', '芝士'],
  떡사리: ['Rice cakes', 'お餅', '年糕'],
  당면사리: ['Glass noodles', '春雨', '粉丝'],
  사이즈: ['Size', 'サイズ', '杯型'],
  레귤러: ['Regular', 'レギュラー', '中杯'],
  라지: ['Large', 'ラージ', '大杯'],
  메인: ['Mains', 'メイン', '主菜'],
  사이드: ['Sides', 'サイド', '小菜'],
  음료: ['Drinks', 'ドリンク', '饮料'],
  주류: ['Alcohol', 'お酒', '酒类'],
  김치찌개: ['Kimchi stew', 'キムチチゲ', '泡菜汤'],
  된장찌개: ['Soybean paste stew', 'テンジャンチゲ', '大酱汤'],
  제육볶음: ['Spicy stir-fried pork', '豚肉炒め', '辣炒猪肉'],
  불고기: ['Bulgogi', 'プルコギ', '烤牛肉'],
  계란말이: ['Rolled omelette', '卵焼き', '鸡蛋卷'],
  해물파전: ['Seafood pancake', '海鮮チヂミ', '海鲜煎饼'],
  공기밥: ['Steamed rice', 'ご飯', '米饭'],
  떡볶이: ['Tteokbokki', 'トッポッキ', '炒年糕'],
  콜라: ['Cola', 'コーラ', '可乐'],
  사이다: ['Lemon-lime soda', 'サイダー', '雪碧'],
  식혜: ['Sikhye (rice punch)', 'シッケ', '甜米露'],
  레몬에이드: ['Lemonade', 'レモネード', '柠檬汽水'],
  소주: ['Soju', '焼酎', '烧酒'],
  맥주: ['Beer', 'ビール', '啤酒'],
};

/** Descriptions in English, Japanese and Chinese; an item missing here shows its Korean description. */
const DESCRIPTIONS: Record<string, [en: string, ja: string, zh: string]> = {
  김치찌개: [
    'Well-aged kimchi simmered with pork',
    '熟成キムチと豚肉をじっくり煮込んだチゲ',
    '用熟泡菜和猪肉慢炖的汤',
  ],
  된장찌개: ['Soybean paste stew with tofu and zucchini', '豆腐とズッキーニの味噌チゲ', '豆腐西葫芦大酱汤'],
  제육볶음: ['Sweet and spicy stir-fried pork', '甘辛い豚肉炒め', '甜辣炒猪肉'],
  불고기: ['Beef marinated in soy sauce', '醤油ダレに漬けた牛肉', '酱油腌制的牛肉'],
  떡볶이: [
    'Chewy rice cakes and fish cakes in a sweet, spicy sauce',
    '甘辛いタレの餅とおでん',
    '甜辣酱炒年糕和鱼饼',
  ],
  레몬에이드: ['Sparkling drink with fresh lemon', '生レモンを搾った炭酸ドリンク', '鲜柠檬气泡饮'],
};

function translationsOf(korean: string): string | null {
  const name = NAMES[korean];
  if (!name) return null;
  const description = DESCRIPTIONS[korean];
  const t: Translations = {};
  (['en', 'ja', 'zh'] as const).forEach((lang, i) => {
    t[lang] = { name: name[i] ?? korean, ...(description ? { description: description[i] ?? '' } : {}) };
  });
  return storedTranslations(t);
}

/**
 * On an empty database, creates the demo store with an admin, tables 1–10 and a Korean menu with a few
 * option groups, translated into English, Japanese and Chinese (all four languages enabled).
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
    await updateStoreSettings(trx, storeId, {
      requestChips: [...DEMO.requestChips],
      menuLanguages: ['ko', 'en', 'ja', 'zh'],
    });
    const groupIds = new Map<string, number>();
    for (const g of OPTION_GROUPS) {
      const id = await insertGroup(
        trx,
        storeId,
        {
          name: g.name,
          min_select: g.minSelect,
          max_select: g.maxSelect,
          translations: translationsOf(g.name),
        },
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
          translations: translationsOf(name),
        })),
      );
      groupIds.set(g.name, id);
    }
    for (const group of MENU) {
      const { id: categoryId } = await insertCategory(
        trx,
        storeId,
        group.category,
        now,
        translationsOf(group.category),
      );
      for (const [name, price, description, optionGroups = []] of group.items) {
        const itemId = await insertItem(
          trx,
          storeId,
          {
            category_id: categoryId,
            name,
            price,
            description,
            image_key: null,
            sold_out: 0,
            translations: translationsOf(name),
          },
          now,
        );
        const ids = optionGroups.flatMap((g) => groupIds.get(g) ?? []);
        if (ids.length > 0) await setItemGroups(trx, storeId, itemId, ids);
      }
    }
  });
  return true;
}
