import { useCategories } from '../menu-editor';

/** The store's categories by id, in display order (a kitchen printer's category filter). */
export function useCategoryNames(): Map<number, string> {
  return new Map((useCategories().data?.items ?? []).map((c) => [c.id, c.name]));
}
