import { useMemo } from 'react';
import { useMenu, type MenuItem } from './get-menu';

export interface IndexedItem {
  item: MenuItem;
  categoryIndex: number;
}

/** Menu items by id (with their category position), for the cart's availability and price refresh. */
export function useMenuIndex(): { loaded: boolean; items: ReadonlyMap<number, IndexedItem> } {
  const { data } = useMenu();
  return useMemo(() => {
    const items = new Map<number, IndexedItem>();
    data?.categories.forEach((c, categoryIndex) => {
      for (const item of c.items) items.set(item.id, { item, categoryIndex });
    });
    return { loaded: data !== undefined, items };
  }, [data]);
}
