import { useMemo, useState } from 'react';
import { useCart, type CartLineOption } from '../cart';
import { useI18n } from '../shared/i18n/i18n';
import { useToast } from '../shared/ui/Toast';
import { CategoryNav } from './CategoryNav';
import { useMenu, type MenuItem } from './get-menu';
import { ItemDialog } from './ItemDialog';
import { MenuCard, MenuSkeleton } from './MenuCard';
import { useMenuIndex } from './use-menu-index';
import { useScrollSpy } from './use-scroll-spy';

/**
 * The home screen: category navigation plus the scrolling grid of dishes, and the dish detail sheet.
 * Renders two siblings (nav and main) that the app's layout grid places.
 */
export function MenuScreen({ orientation }: { orientation: 'vertical' | 'horizontal' }) {
  const { t } = useI18n();
  const menu = useMenu();
  const index = useMenuIndex();
  const cart = useCart();
  const toast = useToast();
  const categories = useMemo(() => menu.data?.categories ?? [], [menu.data]);
  const ids = useMemo(() => categories.map((c) => c.id), [categories]);
  const { scrollerRef, active, jumpTo } = useScrollSpy(ids);
  const [openId, setOpenId] = useState<number | null>(null);
  // Looked up on each render so the sheet shows a dish going sold out while it is open.
  const open = openId === null ? undefined : index.items.get(openId);
  // Per dish, over all its lines (one per set of options).
  const inCart = useMemo(() => {
    const counts = new Map<number, number>();
    for (const l of cart.cart.lines) counts.set(l.menuItemId, (counts.get(l.menuItemId) ?? 0) + l.quantity);
    return counts;
  }, [cart.cart.lines]);

  const add = (item: MenuItem, quantity: number, options: CartLineOption[] = []) => {
    const problem = cart.add(item, quantity, options);
    toast.notify(
      problem === 'too_many_lines'
        ? t.limitLines
        : problem === 'quantity_limit'
          ? t.limitQuantity
          : t.added(item.name, quantity),
    );
  };

  return (
    <>
      <CategoryNav
        categories={categories}
        active={active ?? categories[0]?.id}
        onSelect={jumpTo}
        orientation={orientation}
      />
      <main ref={scrollerRef} className="menu" aria-busy={menu.isPending}>
        {menu.isPending ? (
          <MenuSkeleton />
        ) : menu.isError && categories.length === 0 ? (
          <div className="empty-state" role="alert">
            <p className="empty-state__title">{t.menuLoadError}</p>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                void menu.refetch();
              }}
            >
              {t.retry}
            </button>
          </div>
        ) : categories.length === 0 ? (
          <div className="empty-state">
            <p className="empty-state__title">{t.menuEmpty}</p>
          </div>
        ) : (
          categories.map((c, ci) => (
            <section
              key={c.id}
              className="menu-section"
              data-section-id={c.id}
              aria-labelledby={`category-${c.id}`}
            >
              <h2 id={`category-${c.id}`} className="menu-section__title">
                {c.name}
              </h2>
              <ul className="menu-grid">
                {c.items.map((item) => (
                  <MenuCard
                    key={item.id}
                    item={item}
                    categoryIndex={ci}
                    inCart={inCart.get(item.id) ?? 0}
                    onOpen={(i) => {
                      setOpenId(i.id);
                    }}
                    onQuickAdd={(i) => {
                      // A dish with options is added from its sheet, where they are chosen.
                      if (i.optionGroups.length > 0) setOpenId(i.id);
                      else add(i, 1);
                    }}
                  />
                ))}
              </ul>
            </section>
          ))
        )}
      </main>
      {open && (
        <ItemDialog
          key={open.item.id}
          item={open.item}
          categoryIndex={open.categoryIndex}
          onClose={() => {
            setOpenId(null);
          }}
          onAdd={(item, quantity, options) => {
            add(item, quantity, options);
            setOpenId(null);
          }}
        />
      )}
    </>
  );
}
