import type { MenuItem } from '@table-order/contracts';

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
