const all = ['menu'] as const;

/** Query keys of the menu editor: categories and each category's items. */
export const menuKeys = {
  all,
  categories: () => [...all, 'categories'] as const,
  items: () => [...all, 'items'] as const,
  itemsOf: (categoryId: number) => [...all, 'items', categoryId] as const,
};
