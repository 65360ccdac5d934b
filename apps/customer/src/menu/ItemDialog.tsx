import { ORDER_QUANTITY_MAX } from '@table-order/contracts/constants';
import { useState } from 'react';
import type { CartLineOption } from '../cart';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { MinusIcon, PlusIcon } from '../shared/ui/icons';
import type { MenuItem } from './get-menu';
import { OptionGroupField } from './OptionGroupField';
import { Photo } from './Photo';

export interface ItemDialogProps {
  item: MenuItem;
  categoryIndex: number;
  onAdd: (item: MenuItem, quantity: number, options: CartLineOption[]) => void;
  onClose: () => void;
}

/**
 * Detail sheet of a dish: large photo, description, its option groups (radio buttons for a single
 * choice, check boxes up to the group's maximum), quantity, the live price and the add button, which
 * waits until every required group is chosen.
 */
export function ItemDialog({ item, categoryIndex, onAdd, onClose }: ItemDialogProps) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState(1);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  // The item is the live menu's: an option that sells out while the sheet is open drops out of the choice.
  const chosen: CartLineOption[] = item.optionGroups.flatMap((g) =>
    g.options
      .filter((o) => picked.has(o.id) && !o.soldOut)
      .map((o) => ({ id: o.id, groupName: g.name, name: o.name, priceDelta: o.priceDelta })),
  );
  const complete = item.optionGroups.every(
    (g) => g.options.filter((o) => chosen.some((c) => c.id === o.id)).length >= g.minSelect,
  );
  const unitPrice = chosen.reduce((sum, o) => sum + o.priceDelta, item.price);
  const hasOptions = item.optionGroups.length > 0;

  return (
    <Dialog
      title={item.name}
      onClose={onClose}
      className={`item-dialog${hasOptions ? ' item-dialog--options' : ''}`}
      hideTitle
    >
      <div className="item-dialog__layout">
        <Photo
          src={item.imageUrl ?? item.thumbnailUrl}
          name={item.name}
          categoryIndex={categoryIndex}
          lazy={false}
          className="item-dialog__photo"
        />
        <div className="item-dialog__info">
          <div className="item-dialog__head">
            <p className="item-dialog__name" aria-hidden="true">
              {item.name}
            </p>
            <p className="item-dialog__price" aria-live="polite">
              {t.money(unitPrice)}
            </p>
          </div>
          {item.description && <p className="item-dialog__desc">{item.description}</p>}
          {item.soldOut ? (
            <p className="item-dialog__soldout" role="note">
              <span className="badge badge--soldout">{t.soldOut}</span> {t.soldOutNotice}
            </p>
          ) : (
            item.optionGroups.map((g) => (
              <OptionGroupField
                key={g.id}
                group={g}
                picked={picked}
                onChange={(next) => {
                  setPicked(next);
                }}
              />
            ))
          )}
          <div className="item-dialog__actions">
            {!item.soldOut && (
              <div className="stepper stepper--large" role="group" aria-label={t.quantity}>
                <button
                  type="button"
                  className="stepper__button"
                  aria-label={t.decrease}
                  disabled={quantity <= 1}
                  onClick={() => {
                    setQuantity((q) => Math.max(1, q - 1));
                  }}
                >
                  <MinusIcon />
                </button>
                <output className="stepper__value" aria-live="polite">
                  {quantity}
                </output>
                <button
                  type="button"
                  className="stepper__button"
                  aria-label={t.increase}
                  disabled={quantity >= ORDER_QUANTITY_MAX}
                  onClick={() => {
                    setQuantity((q) => Math.min(ORDER_QUANTITY_MAX, q + 1));
                  }}
                >
                  <PlusIcon />
                </button>
              </div>
            )}
            <button
              type="button"
              className="button button--primary button--block button--xl item-dialog__add"
              disabled={item.soldOut || !complete}
              onClick={() => {
                onAdd(item, quantity, chosen);
              }}
            >
              {item.soldOut
                ? t.soldOut
                : complete
                  ? t.addToCart(quantity, t.money(unitPrice * quantity))
                  : t.optionChooseRequired}
            </button>
          </div>
        </div>
      </div>
    </Dialog>
  );
}
