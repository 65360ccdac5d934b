const all = ['tables'] as const;

/** Query keys of the tables feature: the table list and each table's order history. */
export const tableKeys = {
  all,
  list: () => [...all, 'list'] as const,
  history: (tableId: number) => [...all, 'history', tableId] as const,
  historyRange: (tableId: number, from: string, to: string) =>
    [...all, 'history', tableId, from, to] as const,
};
