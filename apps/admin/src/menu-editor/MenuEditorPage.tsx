import { useState } from 'react';
import { errorMessage } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useCategories } from './api/list-categories';
import { CategoriesPanel } from './CategoriesPanel';
import { ItemsPanel } from './ItemsPanel';
import { OptionGroupsPanel } from './OptionGroupsPanel';

type View = 'items' | 'options';

/**
 * Menu management: categories on the left and the chosen category's items on the right; the store's
 * option groups on their own tab.
 */
export function MenuEditorPage() {
  const { t } = useI18n();
  const query = useCategories();
  const categories = query.data?.items ?? [];
  const [chosen, setChosen] = useState<number | null>(null);
  const [view, setView] = useState<View>('items');
  const selected = categories.find((c) => c.id === chosen) ?? categories[0] ?? null;
  const tab = (id: View, label: string) => (
    <button
      type="button"
      role="tab"
      id={`menu-tab-${id}`}
      aria-selected={view === id}
      aria-controls={`menu-view-${id}`}
      className="tabs__tab"
      onClick={() => {
        setView(id);
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="page menu-editor">
      <div className="menu-editor__head">
        <h1 className="page__title">{t('menu.title')}</h1>
        <div className="tabs" role="tablist" aria-label={t('menu.views')}>
          {tab('items', t('menu.viewItems'))}
          {tab('options', t('menu.viewOptions'))}
        </div>
      </div>
      {view === 'options' ? (
        <div role="tabpanel" id="menu-view-options" aria-labelledby="menu-tab-options">
          <OptionGroupsPanel />
        </div>
      ) : (
        <div role="tabpanel" id="menu-view-items" aria-labelledby="menu-tab-items">
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
              <CategoriesPanel
                categories={categories}
                selectedId={selected?.id ?? null}
                onSelect={setChosen}
              />
              {selected ? (
                <ItemsPanel key={selected.id} category={selected} categories={categories} />
              ) : (
                <p className="panel empty">{t('menu.selectCategory')}</p>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
