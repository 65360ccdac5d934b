const all = ['settings'] as const;

/** Query keys of the store settings page. */
export const settingsKeys = {
  all,
  store: () => [...all, 'store'] as const,
};
