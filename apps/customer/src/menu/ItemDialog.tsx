import { ORDER_QUANTITY_MAX } from '@table-order/contracts/constants';
import { useState } from 'react';
import { useI18n } from '../shared/i18n/i18n';
import { Dialog } from '../shared/ui/Dialog';
import { MinusIcon, PlusIcon } from '../shared/ui/icons';
import type { MenuItem } from './get-menu';
import { Photo } from './Photo';

export interface ItemDialogProps {
  item: MenuItem;
  categoryIndex: number;
  onAdd: (item: MenuItem, quantity: number) => void;
  onClose: () => void;
}

/** Detail sheet of a dish: large photo, description, quantity and the add button. */
export function ItemDialog({ item, categoryIndex, onAdd, onClose }: ItemDialogProps) {
  const { t } = useI18n();
  const [quantity, setQuantity] = useState(1);
  return (
    <Dialog title={item.name} onClose={onClose} className="item-dialog" hideTitle>
      <div className="item-dialog__layout">
        <Photo
          src={item.imageUrl ?? item.thumbnailUrl}
          name={item.name}
          categoryIndex={categoryIndex}
          lazy={false}
          className="item-dialog__photo"
        />
        <div className="item-dialog__info">
          <p className="item-dialog__name" aria-hidden="true">
            {item.name}
          </p>
          <p className="item-dialog__price">{t.money(item.price)}</p>
          {item.description && <p className="item-dialog__desc">{item.description}</p>}
          {item.soldOut ? (
            <p className="item-dialog__soldout" role="note">
              <span className="badge badge--soldout">{t.soldOut}</span> {t.soldOutNotice}
            </p>
          ) : (
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
            disabled={item.soldOut}
            onClick={() => {
              onAdd(item, quantity);
            }}
          >
            {item.soldOut ? t.soldOut : t.addToCart(quantity, t.money(item.price * quantity))}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
