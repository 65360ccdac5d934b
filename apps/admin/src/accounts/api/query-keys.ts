const all = ['accounts'] as const;

/** Query keys of the accounts feature: the store's account list. */
export const accountKeys = {
  all,
  list: () => [...all, 'list'] as const,
};
