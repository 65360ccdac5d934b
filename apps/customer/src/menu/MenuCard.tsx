import { useI18n } from '../shared/i18n/i18n';
import { PlusIcon } from '../shared/ui/icons';
import type { MenuItem } from './get-menu';
import { Photo } from './Photo';

export interface MenuCardProps {
  item: MenuItem;
  categoryIndex: number;
  inCart: number;
  onOpen: (item: MenuItem) => void;
  onQuickAdd: (item: MenuItem) => void;
}

/** A dish in the grid: photo, name, short description, price; tap for details, + to add one. */
export function MenuCard({ item, categoryIndex, inCart, onOpen, onQuickAdd }: MenuCardProps) {
  const { t } = useI18n();
  const price = t.money(item.price);
  return (
    <li className="menu-card" data-soldout={item.soldOut ? 'true' : undefined}>
      <button
        type="button"
        className="menu-card__open"
        aria-label={t.openItem(item.name, price, item.soldOut)}
        onClick={() => {
          onOpen(item);
        }}
      >
        <Photo
          src={item.thumbnailUrl}
          name={item.name}
          categoryIndex={categoryIndex}
          className="menu-card__photo"
        />
        {!item.soldOut && inCart > 0 && <span className="menu-card__in-cart" data-count={inCart} />}
        <span className="menu-card__info">
          <span className="menu-card__name">{item.name}</span>{' '}
          {/* Drawn by CSS: the button is named by dish and price (axe: its visible text is in its name); the
              detail sheet has the description as text. */}
          {item.description && <span className="menu-card__desc" data-text={item.description} />}
          <span className="menu-card__price">{price}</span>
        </span>
        {/* After the name and price, as the button's name says them ("김치찌개, 9,000원, 품절"). */}
        {item.soldOut && (
          <>
            {' '}
            <span className="badge badge--soldout menu-card__badge">{t.soldOut}</span>
          </>
        )}
      </button>
      {!item.soldOut && (
        <button
          type="button"
          className="menu-card__add"
          aria-label={t.quickAdd(item.name)}
          onClick={() => {
            onQuickAdd(item);
          }}
        >
          <PlusIcon />
        </button>
      )}
    </li>
  );
}

/** Grey placeholder cards shown while the menu loads for the first time. */
export function MenuSkeleton() {
  return (
    <ul className="menu-grid" aria-hidden="true">
      {Array.from({ length: 6 }, (_, i) => (
        <li key={i} className="menu-card menu-card--skeleton">
          <span className="skeleton skeleton--photo" />
          <span className="menu-card__info">
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--line skeleton--short" />
          </span>
        </li>
      ))}
    </ul>
  );
}
