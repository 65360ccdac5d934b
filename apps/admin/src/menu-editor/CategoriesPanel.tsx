import type { Category } from '@table-order/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { ConfirmDialog, Field, useToast } from '../shared/ui';
import { createCategory } from './api/create-category';
import { deleteCategory } from './api/delete-category';
import { categoriesKey } from './api/list-categories';
import { renameCategory } from './api/rename-category';
import { reorderCategories } from './api/reorder-categories';
import { move } from './reorder';

function categoryError(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.code === 'category_name_taken') return t('menu.categoryNameTaken');
  if (err instanceof ApiError && err.status === 422) return t('menu.categoryNameInvalid');
  return errorMessage(err, t);
}

/** Categories: select, add, rename, move up/down, delete (refused while it holds items). */
export function CategoriesPanel({
  categories,
  selectedId,
  onSelect,
}: {
  categories: Category[];
  selectedId: number | null;
  onSelect: (id: number) => void;
}) {
  const { t } = useI18n();
  const notify = useToast();
  const queryClient = useQueryClient();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);

  async function handleMove(index: number, to: number) {
    const next = move(categories, index, to);
    const previous = queryClient.getQueryData<{ items: Category[] }>(categoriesKey);
    queryClient.setQueryData(categoriesKey, { items: next });
    try {
      const saved = await reorderCategories(next.map((c) => c.id));
      queryClient.setQueryData(categoriesKey, saved);
      notify(t('menu.reordered'));
    } catch (err) {
      if (previous) queryClient.setQueryData(categoriesKey, previous);
      notify(errorMessage(err, t), 'error');
    }
  }

  return (
    <section className="panel categories" aria-labelledby="categories-title">
      <h2 id="categories-title" className="panel__title">
        {t('menu.categories')}
      </h2>
      {categories.length === 0 && <p className="empty">{t('menu.noCategories')}</p>}
      <ol className="categories__list">
        {categories.map((c, i) => (
          <li key={c.id} className={c.id === selectedId ? 'category category--selected' : 'category'}>
            {renaming === c.id ? (
              <RenameForm
                category={c}
                onDone={(saved) => {
                  setRenaming(null);
                  if (saved) notify(t('menu.categorySaved', { name: saved.name }));
                }}
              />
            ) : (
              <>
                <button
                  type="button"
                  className="category__name"
                  aria-current={c.id === selectedId ? 'true' : undefined}
                  onClick={() => {
                    onSelect(c.id);
                  }}
                >
                  {c.name}
                </button>
                <div className="category__tools">
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('menu.moveUpLabel', { name: c.name })}
                    disabled={i === 0}
                    onClick={() => void handleMove(i, i - 1)}
                  >
                    <span aria-hidden="true">▲</span>
                  </button>
                  <button
                    type="button"
                    className="btn btn--icon"
                    aria-label={t('menu.moveDownLabel', { name: c.name })}
                    disabled={i === categories.length - 1}
                    onClick={() => void handleMove(i, i + 1)}
                  >
                    <span aria-hidden="true">▼</span>
                  </button>
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('menu.renameLabel', { name: c.name })}
                    onClick={() => {
                      setRenaming(c.id);
                    }}
                  >
                    {t('menu.rename')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--quiet-danger"
                    aria-label={t('menu.deleteCategoryLabel', { name: c.name })}
                    onClick={() => {
                      setDeleting(c);
                    }}
                  >
                    {t('menu.delete')}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ol>
      <AddCategoryForm
        onCreated={(c) => {
          onSelect(c.id);
        }}
      />
      {deleting && (
        <ConfirmDialog
          title={t('menu.deleteCategoryTitle')}
          message={t('menu.deleteCategoryConfirm', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await deleteCategory(deleting.id);
            await queryClient.invalidateQueries({ queryKey: categoriesKey });
            notify(t('menu.categoryDeleted', { name: deleting.name }));
          }}
          describeError={(err) =>
            err instanceof ApiError && err.code === 'category_not_empty'
              ? t('menu.categoryNotEmpty', { name: deleting.name })
              : null
          }
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}

function AddCategoryForm({ onCreated }: { onCreated: (c: Category) => void }) {
  const { t } = useI18n();
  const notify = useToast();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('menu.categoryNameInvalid'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const c = await createCategory(name.trim());
      setName('');
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
      notify(t('menu.categoryCreated', { name: c.name }));
      onCreated(c);
    } catch (err) {
      setError(categoryError(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="categories__add" onSubmit={(e) => void handleSubmit(e)} noValidate>
      <Field id="new-category" label={t('menu.newCategory')} error={error}>
        {(c) => (
          <input
            {...c}
            autoComplete="off"
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <button type="submit" className="btn btn--primary" disabled={busy}>
        {t('menu.addCategory')}
      </button>
    </form>
  );
}

function RenameForm({ category, onDone }: { category: Category; onDone: (saved: Category | null) => void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(category.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('menu.categoryNameInvalid'));
      return;
    }
    if (name.trim() === category.name) {
      onDone(null);
      return;
    }
    setBusy(true);
    try {
      const saved = await renameCategory(category.id, name.trim());
      await queryClient.invalidateQueries({ queryKey: categoriesKey });
      onDone(saved);
    } catch (err) {
      setError(categoryError(err, t));
      setBusy(false);
    }
  }

  return (
    <form
      className="category__rename"
      onSubmit={(e) => void handleSubmit(e)}
      noValidate
      aria-label={t('menu.renameLabel', { name: category.name })}
    >
      <Field id={`rename-${category.id}`} label={t('menu.categoryName')} error={error}>
        {(c) => (
          <input
            {...c}
            autoComplete="off"
            autoFocus
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(null);
            }}
          />
        )}
      </Field>
      <div className="form-row__buttons">
        <button type="submit" className="btn btn--primary" disabled={busy}>
          {t('tables.save')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            onDone(null);
          }}
        >
          {t('tables.cancel')}
        </button>
      </div>
    </form>
  );
}
