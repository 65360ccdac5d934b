import { useState } from 'react';
import { errorMessage } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useCategories } from './api/list-categories';
import { CategoriesPanel } from './CategoriesPanel';
import { ItemsPanel } from './ItemsPanel';

/** Menu management: categories on the left, the chosen category's items on the right. */
export function MenuEditorPage() {
  const { t } = useI18n();
  const query = useCategories();
  const categories = query.data?.items ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = categories.find((c) => c.id === chosen) ?? categories[0] ?? null;

  return (
    <div className="page menu-editor">
      <h1 className="page__title">{t('menu.title')}</h1>
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.isPending ? (
        <div className="menu-editor__cols" aria-hidden="true">
          <div className="skeleton skeleton--panel" />
          <div className="skeleton skeleton--panel" />
        </div>
      ) : (
        <div className="menu-editor__cols">
          <CategoriesPanel categories={categories} selectedId={selected?.id ?? null} onSelect={setChosen} />
          {selected ? (
            <ItemsPanel key={selected.id} category={selected} categories={categories} />
          ) : (
            <p className="panel empty">{t('menu.selectCategory')}</p>
          )}
        </div>
      )}
    </div>
  );
}
