import type { Category, MenuItem } from '@table-order/contracts';
import { useLayoutEffect, useRef, useState, type DragEvent } from 'react';
import { useIsOwner, useSession } from '../auth';
import { errorMessage } from '../shared/api';
import { formatMoney, formatTime } from '../shared/format';
import { useI18n } from '../shared/i18n';
import { ConfirmDialog, useToast } from '../shared/ui';
import { useDeleteMenuItem } from './api/delete-menu-item';
import { useMenuItems } from './api/list-menu-items';
import { useReorderMenuItems } from './api/reorder-menu-items';
import { useUpdateMenuItem } from './api/update-menu-item';
import { ItemFormDialog } from './ItemFormDialog';
import { keepMoverFocus, move } from './reorder';
import { MissingTranslations, useTranslationLanguages } from './translations';

/**
 * Items of one category: add, edit, sold-out switch, reorder (drag or buttons), delete; who changed each
 * last. Staff get the list and the sold-out switches only.
 */
export function ItemsPanel({ category, categories }: { category: Category; categories: Category[] }) {
  const { t, lang } = useI18n();
  const languages = useTranslationLanguages();
  const notify = useToast();
  const owner = useIsOwner();
  const { store } = useSession();
  const query = useMenuItems(category.id);
  const reorder = useReorderMenuItems(category.id);
  const update = useUpdateMenuItem();
  const remove = useDeleteMenuItem();
  const items = query.data?.items ?? [];
  const [editing, setEditing] = useState<MenuItem | 'new' | null>(null);
  const [deleting, setDeleting] = useState<MenuItem | null>(null);
  const [dragId, setDragId] = useState<number | null>(null);
  const [overIndex, setOverIndex] = useState<number | null>(null);
  // The row just moved by button: its focus is kept once the list shows the new order.
  const moved = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (moved.current) keepMoverFocus(moved.current);
  }, [query.data]);

  async function saveOrder(next: MenuItem[]) {
    try {
      await reorder.mutateAsync(next);
      notify(t('menu.reordered'));
    } catch (err) {
      notify(errorMessage(err, t), 'error');
    }
  }

  /** A move by button: focus stays on the moved row, also when it reaches the first or last place. */
  async function moveItem(item: MenuItem, from: number, to: number) {
    moved.current = `item-${item.id}`;
    await saveOrder(move(items, from, to));
    setTimeout(() => {
      moved.current = null;
    }, 0);
  }

  async function handleSoldOut(item: MenuItem, soldOut: boolean) {
    try {
      await update.mutateAsync({ item, body: { soldOut } });
    } catch (err) {
      notify(errorMessage(err, t), 'error');
    }
  }

  function handleDrop(e: DragEvent, to: number) {
    e.preventDefault();
    const from = items.findIndex((i) => i.id === dragId);
    setDragId(null);
    setOverIndex(null);
    if (from === -1 || from === to) return;
    void saveOrder(move(items, from, to));
  }

  return (
    <section className="panel items" aria-labelledby="items-title">
      <div className="panel__head">
        <h2 id="items-title" className="panel__title">
          {t('menu.items', { name: category.name })}
        </h2>
        {owner && (
          <button
            type="button"
            className="btn btn--primary btn--lg"
            onClick={() => {
              setEditing('new');
            }}
          >
            + {t('menu.addItem')}
          </button>
        )}
      </div>
      {owner && items.length > 1 && <p className="muted items__hint">{t('menu.dragHint')}</p>}
      {!owner && <p className="muted items__hint">{t('menu.staffHint')}</p>}
      {query.isPending && <div className="skeleton skeleton--rows" aria-hidden="true" />}
      {query.error && (
        <p className="notice notice--error" role="alert">
          {errorMessage(query.error, t)}
        </p>
      )}
      {query.isSuccess && items.length === 0 && <p className="empty">{t('menu.noItems')}</p>}
      <ol className="items__list">
        {items.map((item, i) => (
          <li
            key={item.id}
            className={[
              'item-row',
              owner ? '' : 'item-row--readonly',
              item.soldOut ? 'item-row--soldout' : '',
              dragId === item.id ? 'item-row--dragging' : '',
              overIndex === i && dragId !== item.id ? 'item-row--over' : '',
            ].join(' ')}
            draggable={owner}
            aria-label={item.name}
            onDragStart={(e) => {
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', String(item.id));
              setDragId(item.id);
            }}
            onDragEnd={() => {
              setDragId(null);
              setOverIndex(null);
            }}
            onDragOver={(e) => {
              if (dragId === null) return;
              e.preventDefault();
              e.dataTransfer.dropEffect = 'move';
              if (overIndex !== i) setOverIndex(i);
            }}
            onDrop={(e) => {
              handleDrop(e, i);
            }}
          >
            {owner && (
              <span
                className="item-row__handle"
                title={t('menu.dragHandle', { name: item.name })}
                aria-hidden="true"
              >
                ⠿
              </span>
            )}
            {item.thumbnailUrl ? (
              <img className="item-row__thumb" src={item.thumbnailUrl} alt="" loading="lazy" />
            ) : (
              <span className="item-row__thumb item-row__thumb--empty" aria-hidden="true" />
            )}
            <div className="item-row__main">
              <span className="item-row__name">{item.name}</span>
              <span className="item-row__price">{formatMoney(item.price, lang)}</span>
              {item.description && <span className="item-row__desc">{item.description}</span>}
              <MissingTranslations translations={item.translations} languages={languages} />
              {item.lastChange && (
                <span className="item-row__changed muted">
                  {t('menu.lastChange', {
                    who: item.lastChange.username,
                    time: formatTime(item.lastChange.at, store.timeZone),
                  })}
                </span>
              )}
            </div>
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                checked={item.soldOut}
                aria-label={t('menu.soldOutLabel', { name: item.name })}
                onChange={(e) => void handleSoldOut(item, e.target.checked)}
              />
              <span className="switch__track" aria-hidden="true" />
              <span className="switch__text">{item.soldOut ? t('menu.soldOut') : t('menu.onSale')}</span>
            </label>
            {owner && (
              <div className="item-row__tools">
                <button
                  type="button"
                  className="btn btn--icon"
                  aria-label={t('menu.moveUpLabel', { name: item.name })}
                  data-mover={`item-${item.id}`}
                  disabled={i === 0}
                  onClick={() => void moveItem(item, i, i - 1)}
                >
                  <span aria-hidden="true">▲</span>
                </button>
                <button
                  type="button"
                  className="btn btn--icon"
                  aria-label={t('menu.moveDownLabel', { name: item.name })}
                  data-mover={`item-${item.id}`}
                  disabled={i === items.length - 1}
                  onClick={() => void moveItem(item, i, i + 1)}
                >
                  <span aria-hidden="true">▼</span>
                </button>
                <button
                  type="button"
                  className="btn"
                  aria-label={t('menu.editLabel', { name: item.name })}
                  onClick={() => {
                    setEditing(item);
                  }}
                >
                  {t('menu.edit')}
                </button>
                <button
                  type="button"
                  className="btn btn--quiet-danger"
                  aria-label={t('menu.deleteLabel', { name: item.name })}
                  onClick={() => {
                    setDeleting(item);
                  }}
                >
                  {t('menu.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ol>
      {editing && (
        <ItemFormDialog
          item={editing === 'new' ? null : editing}
          categories={categories}
          categoryId={category.id}
          onSaved={(saved) => {
            setEditing(null);
            notify(t('menu.saved', { name: saved.name }));
          }}
          onClose={() => {
            setEditing(null);
          }}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('menu.deleteItemTitle')}
          message={t('menu.deleteItemConfirm', { name: deleting.name })}
          detail={t('menu.deleteItemDetail')}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await remove.mutateAsync(deleting);
            notify(t('menu.deleted', { name: deleting.name }));
          }}
          onClose={() => {
            setDeleting(null);
          }}
        />
      )}
    </section>
  );
}
