const all = ['menu'] as const;

/** Query keys of the menu editor: categories, each category's items, the option groups. */
export const menuKeys = {
  all,
  categories: () => [...all, 'categories'] as const,
  items: () => [...all, 'items'] as const,
  itemsOf: (categoryId: number) => [...all, 'items', categoryId] as const,
  optionGroups: () => [...all, 'option-groups'] as const,
};
