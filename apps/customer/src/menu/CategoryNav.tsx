import { useEffect, useRef } from 'react';
import { useI18n } from '../shared/i18n/i18n';
import type { MenuCategory } from './get-menu';

export interface CategoryNavProps {
  categories: readonly MenuCategory[];
  active: number | undefined;
  onSelect: (id: number) => void;
  orientation: 'vertical' | 'horizontal';
}

/** The category rail (landscape) or tab strip (portrait); keeps the active category in view. */
export function CategoryNav({ categories, active, onSelect, orientation }: CategoryNavProps) {
  const { t } = useI18n();
  const listRef = useRef<HTMLUListElement>(null);

  useEffect(() => {
    // Measured in the next frame: here it would force a layout before the menu's first paint.
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      const button = list?.querySelector<HTMLElement>('[aria-current="true"]');
      if (!list || !button) return;
      // Scroll only the list (scrollIntoView would also move the page's other scrollers).
      if (orientation === 'horizontal') {
        list.scrollTo({
          left: button.offsetLeft - (list.clientWidth - button.offsetWidth) / 2,
          behavior: 'smooth',
        });
      } else {
        list.scrollTo({
          top: button.offsetTop - (list.clientHeight - button.offsetHeight) / 2,
          behavior: 'smooth',
        });
      }
    });
    return () => {
      cancelAnimationFrame(frame);
    };
  }, [active, orientation]);

  return (
    <nav className={`categories categories--${orientation}`} aria-label={t.categoriesLabel}>
      <ul ref={listRef} className="categories__list">
        {categories.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="categories__tab"
              aria-current={c.id === active ? 'true' : undefined}
              onClick={() => {
                onSelect(c.id);
              }}
            >
              {c.name}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
