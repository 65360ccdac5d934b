import type { MenuItem, MenuLanguage, StoreSettings } from '@table-order/contracts';
import type { QueryClient } from '@tanstack/react-query';
import { settingsKeys } from '../settings';

const PHOTO = 'a'.repeat(32);

/** A saved menu item with a photo, for the menu editor's tests. */
export const savedItem: MenuItem = {
  id: 7,
  categoryId: 1,
  name: '김치찌개',
  price: 9000,
  description: '돼지고기',
  imageKey: PHOTO,
  imageUrl: `/uploads/${PHOTO}.webp`,
  thumbnailUrl: `/uploads/${PHOTO}_thumb.webp`,
  soldOut: false,
  displayOrder: 0,
  optionGroupIds: [],
};

/**
 * Puts the store's settings in the cache (the translation fields read its menu languages), so the
 * requests a test sees are only the ones it makes.
 */
export function seedStoreSettings(queryClient: QueryClient, menuLanguages: MenuLanguage[] = ['ko']): void {
  const settings: StoreSettings = {
    identifier: 'demo',
    name: '데모 식당',
    timeZone: 'Asia/Seoul',
    callReasons: ['물'],
    requestChips: [],
    menuLanguages,
    idleTimeoutSeconds: 0,
    kitchenAmberMinutes: 10,
    kitchenRedMinutes: 20,
  };
  queryClient.setQueryData(settingsKeys.store(), settings);
}
