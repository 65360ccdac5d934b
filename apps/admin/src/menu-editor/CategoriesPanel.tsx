import type { Category, Translations } from '@table-order/contracts';
import { useLayoutEffect, useRef, useState, type SubmitEvent } from 'react';
import { useIsOwner } from '../auth';
import { ApiError, errorMessage } from '../shared/api';
import { useI18n, type Translate } from '../shared/i18n';
import { ConfirmDialog, Field, useToast } from '../shared/ui';
import { useCreateCategory } from './api/create-category';
import { useDeleteCategory } from './api/delete-category';
import { useRenameCategory } from './api/rename-category';
import { useReorderCategories } from './api/reorder-categories';
import { keepMoverFocus, move } from './reorder';
import {
  cleanTranslations,
  MissingTranslations,
  sameTranslations,
  TranslationsField,
  useTranslationLanguages,
} from './translations';

function categoryError(err: unknown, t: Translate): string {
  if (err instanceof ApiError && err.code === 'category_name_taken') return t('menu.categoryNameTaken');
  if (err instanceof ApiError && err.status === 422) return t('menu.categoryNameInvalid');
  return errorMessage(err, t);
}

/**
 * Categories: select, add, rename, move up/down, delete (refused while it holds items); staff only
 * select.
 */
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
  const owner = useIsOwner();
  const reorder = useReorderCategories();
  const deleteCategory = useDeleteCategory();
  const languages = useTranslationLanguages();
  const [renaming, setRenaming] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Category | null>(null);
  // The category just moved by button: its focus is kept once the list shows the new order.
  const moved = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (moved.current) keepMoverFocus(moved.current);
  }, [categories]);

  async function handleMove(index: number, to: number) {
    try {
      const id = categories[index]?.id;
      moved.current = id === undefined ? null : `category-${id}`;
      await reorder.mutateAsync(move(categories, index, to));
      notify(t('menu.reordered'));
    } catch (err) {
      notify(errorMessage(err, t), 'error');
    }
    setTimeout(() => {
      moved.current = null;
    }, 0);
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
                <MissingTranslations translations={c.translations} languages={languages} />
                {owner && (
                  <div className="category__tools">
                    <button
                      type="button"
                      className="btn btn--icon"
                      aria-label={t('menu.moveUpLabel', { name: c.name })}
                      data-mover={`category-${c.id}`}
                      disabled={i === 0}
                      onClick={() => void handleMove(i, i - 1)}
                    >
                      <span aria-hidden="true">▲</span>
                    </button>
                    <button
                      type="button"
                      className="btn btn--icon"
                      aria-label={t('menu.moveDownLabel', { name: c.name })}
                      data-mover={`category-${c.id}`}
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
                )}
              </>
            )}
          </li>
        ))}
      </ol>
      {owner && (
        <AddCategoryForm
          onCreated={(c) => {
            onSelect(c.id);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('menu.deleteCategoryTitle')}
          message={t('menu.deleteCategoryConfirm', { name: deleting.name })}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await deleteCategory.mutateAsync(deleting.id);
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
  const createCategory = useCreateCategory();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('menu.categoryNameInvalid'));
      return;
    }
    setError(null);
    try {
      const c = await createCategory.mutateAsync(name.trim());
      setName('');
      notify(t('menu.categoryCreated', { name: c.name }));
      onCreated(c);
    } catch (err) {
      setError(categoryError(err, t));
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
      <button type="submit" className="btn btn--primary" disabled={createCategory.isPending}>
        {t('menu.addCategory')}
      </button>
    </form>
  );
}

function RenameForm({ category, onDone }: { category: Category; onDone: (saved: Category | null) => void }) {
  const { t } = useI18n();
  const rename = useRenameCategory();
  const [name, setName] = useState(category.name);
  const [translations, setTranslations] = useState<Translations>(category.translations ?? {});
  const [error, setError] = useState<string | null>(null);
  const [translationError, setTranslationError] = useState<string | undefined>();

  async function handleSubmit(e: SubmitEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!name.trim()) {
      setError(t('menu.categoryNameInvalid'));
      return;
    }
    const cleaned = cleanTranslations(translations);
    if (!cleaned) {
      setTranslationError(t('tr.nameRequired'));
      return;
    }
    const body = {
      ...(name.trim() === category.name ? {} : { name: name.trim() }),
      ...(sameTranslations(cleaned, category.translations) ? {} : { translations: cleaned }),
    };
    if (Object.keys(body).length === 0) {
      onDone(null);
      return;
    }
    try {
      onDone(await rename.mutateAsync({ id: category.id, ...body }));
    } catch (err) {
      if (err instanceof ApiError && err.details.some((d) => d.field.startsWith('translations'))) {
        setTranslationError(t('tr.invalid'));
      } else {
        setError(categoryError(err, t));
      }
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
      <TranslationsField
        id={`rename-${category.id}-translations`}
        value={translations}
        error={translationError}
        onChange={(next) => {
          setTranslations(next);
          setTranslationError(undefined);
        }}
      />
      <div className="form-row__buttons">
        <button type="submit" className="btn btn--primary" disabled={rename.isPending}>
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
