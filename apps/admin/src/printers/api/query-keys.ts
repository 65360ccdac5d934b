const all = ['printers'] as const;

/** Query keys of the printers feature: the store's printers with their state. */
export const printerKeys = {
  all,
  list: () => [...all, 'list'] as const,
};
