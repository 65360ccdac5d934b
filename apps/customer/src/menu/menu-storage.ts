import type { TableMenu } from '@table-order/contracts';
import { isRecord, KEY_PREFIX, readJson, writeJson } from '../shared/storage';

/** The last menu a store's tablet received, with its ETag: shown at once when the app opens again. */
export interface StoredMenu {
  etag: string;
  menu: TableMenu;
  /** The language it is in (absent in menus saved before languages: Korean). */
  lang?: 'ko' | 'en' | 'ja' | 'zh';
}

const menuKey = (storeIdentifier: string) => `${KEY_PREFIX}menu:${storeIdentifier}`;

/** The saved menu, or undefined when there is none or it is not a menu (old format, corrupt storage). */
export function loadStoredMenu(storeIdentifier: string, storage?: Storage): StoredMenu | undefined {
  const v = readJson(menuKey(storeIdentifier), storage);
  if (!isRecord(v) || typeof v.etag !== 'string' || !isRecord(v.menu)) return undefined;
  const { categories } = v.menu;
  // Items must carry their option groups: a menu saved before options existed is refetched instead.
  const valid =
    Array.isArray(categories) &&
    categories.every(
      (c) =>
        isRecord(c) &&
        Array.isArray(c.items) &&
        c.items.every((i) => isRecord(i) && Array.isArray(i.optionGroups)),
    );
  if (!valid) return undefined;
  const lang = v.lang === 'en' || v.lang === 'ja' || v.lang === 'zh' ? v.lang : 'ko';
  return { etag: v.etag, menu: v.menu as unknown as TableMenu, lang };
}

/** Saves the menu for the next start; a full storage only costs that head start. */
export function saveStoredMenu(storeIdentifier: string, entry: StoredMenu, storage?: Storage): void {
  writeJson(menuKey(storeIdentifier), entry, storage);
}
