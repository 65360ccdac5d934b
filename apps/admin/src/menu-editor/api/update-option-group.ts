import type { OptionGroup, OptionGroupUpdateBody } from '@table-order/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api';
import { menuKeys } from './query-keys';

/**
 * PATCH /admin/option-groups/{id}: name, minSelect, maxSelect and/or the full option list (entries with
 * an id keep that option, entries without are new, options left out are removed; list order = display order).
 */
export function updateOptionGroup(id: number, body: OptionGroupUpdateBody): Promise<OptionGroup> {
  return apiRequest<OptionGroup>('PATCH', `/admin/option-groups/${id}`, { body });
}

type Groups = { items: OptionGroup[] };

/** The group as the change would leave it, when every listed option is an existing one (else undefined). */
function predicted(group: OptionGroup, body: OptionGroupUpdateBody): OptionGroup | undefined {
  const options = body.options?.map((o) => {
    const current = group.options.find((c) => c.id === o.id);
    return (
      current && { ...current, name: o.name, priceDelta: o.priceDelta, soldOut: o.soldOut ?? current.soldOut }
    );
  });
  if (options?.some((o) => o === undefined)) return undefined;
  return {
    ...group,
    ...(body.name === undefined ? {} : { name: body.name }),
    ...(body.minSelect === undefined ? {} : { minSelect: body.minSelect }),
    ...(body.maxSelect === undefined ? {} : { maxSelect: body.maxSelect }),
    ...(options ? { options: options.flatMap((o) => (o ? [o] : [])) } : {}),
  };
}

/**
 * Changes an option group. A change of existing options only (e.g. one option's sold-out switch) shows at
 * once; the saved group then replaces it. On failure the list is read again, so nothing unsaved stays.
 */
export function useUpdateOptionGroup() {
  const queryClient = useQueryClient();
  const replace = (id: number, next: OptionGroup) => {
    queryClient.setQueryData<Groups>(menuKeys.optionGroups(), (d) =>
      d ? { items: d.items.map((g) => (g.id === id ? next : g)) } : d,
    );
  };
  return useMutation({
    mutationFn: ({ group, body }: { group: OptionGroup; body: OptionGroupUpdateBody }) =>
      updateOptionGroup(group.id, body),
    onMutate: ({ group, body }) => {
      const next = predicted(group, body);
      if (!next) return;
      // A read in flight (e.g. after a live menu.changed) would put the old state back.
      void queryClient.cancelQueries({ queryKey: menuKeys.optionGroups() });
      replace(group.id, next);
    },
    onSuccess: (saved) => {
      replace(saved.id, saved);
    },
    onError: () => queryClient.invalidateQueries({ queryKey: menuKeys.optionGroups() }),
  });
}
