const all = ['board'] as const;

/** Query keys of the board's caches; the board itself lives in the live-board reducer. */
export const boardKeys = {
  all,
  order: (id: number) => [...all, 'order', id] as const,
  tableOrders: (tableId: number) => [...all, 'table-orders', tableId] as const,
};
