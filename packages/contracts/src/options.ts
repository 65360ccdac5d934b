import { z } from 'zod';
import { Id } from './common.js';
import {
  ITEM_OPTION_GROUPS_MAX,
  OPTION_NAME_MAX,
  OPTION_SELECT_MAX,
  OPTIONS_PER_GROUP_MAX,
  PRICE_DELTA_MAX,
} from './constants.js';
import { NameTranslations, translationsOf } from './translations.js';

// Menu options (SPEC 10): store-wide option groups ("맵기 선택", "사이즈") with priced options, assigned
// to menu items in order. Rules that span fields (minSelect ≤ maxSelect ≤ options, distinct option
// names) are checked by the API on the group as it would be after the change, so they hold for a
// partial PATCH too.

export const OptionName = z.string().trim().min(1).max(OPTION_NAME_MAX);
/** An option group's or option's names in the store's other menu languages. */
export const OptionTranslations = translationsOf(OptionName);
export const PriceDelta = z
  .number()
  .int()
  .min(-PRICE_DELTA_MAX)
  .max(PRICE_DELTA_MAX)
  .meta({ description: 'Won added to the item price (negative for a discount)' });
const MinSelect = z
  .number()
  .int()
  .min(0)
  .max(OPTION_SELECT_MAX)
  .meta({ description: 'Options a guest must choose; at least 1 makes the group required' });
const MaxSelect = z
  .number()
  .int()
  .min(1)
  .max(OPTION_SELECT_MAX)
  .meta({ description: 'Options a guest may choose; 1 makes it a single choice' });

export const MenuOption = z
  .object({
    id: Id,
    name: z.string(),
    priceDelta: z.number().int(),
    soldOut: z.boolean(),
    translations: NameTranslations.optional().meta({ description: 'Admin views only' }),
  })
  .meta({ id: 'MenuOption' });
export type MenuOption = z.infer<typeof MenuOption>;

export const OptionGroup = z
  .object({
    id: Id,
    name: z.string(),
    minSelect: z.number().int(),
    maxSelect: z.number().int(),
    options: z.array(MenuOption).meta({ description: 'In display order' }),
    translations: NameTranslations.optional().meta({ description: 'Admin views only' }),
  })
  .meta({ id: 'OptionGroup' });
export type OptionGroup = z.infer<typeof OptionGroup>;

/** An option as a group's full list gives it: with `id` an existing option is kept, without one it is new. */
export const OptionInput = z.object({
  id: Id.optional(),
  name: OptionName,
  priceDelta: PriceDelta,
  soldOut: z.boolean().optional(),
  translations: OptionTranslations.optional(),
});
export type OptionInput = z.infer<typeof OptionInput>;

const OptionList = z
  .array(OptionInput)
  .min(1)
  .max(OPTIONS_PER_GROUP_MAX)
  .meta({ description: 'The full list in display order; an existing option missing from it is removed' });

export const OptionGroupCreateBody = z.object({
  name: OptionName,
  minSelect: MinSelect,
  maxSelect: MaxSelect,
  options: OptionList,
  translations: OptionTranslations.optional(),
});
export type OptionGroupCreateBody = z.infer<typeof OptionGroupCreateBody>;

export const OptionGroupUpdateBody = z
  .object({
    name: OptionName,
    minSelect: MinSelect,
    maxSelect: MaxSelect,
    options: OptionList,
    translations: OptionTranslations,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type OptionGroupUpdateBody = z.infer<typeof OptionGroupUpdateBody>;

/** A menu item's option groups, in the order the tablet shows them. */
export const OptionGroupIds = z
  .array(Id)
  .max(ITEM_OPTION_GROUPS_MAX)
  .refine((ids) => new Set(ids).size === ids.length, 'each option group at most once')
  .meta({ description: 'Option groups of the item, in order' });

/** One chosen option as an order line keeps it: names and price as they were when ordered. */
export const OrderLineOption = z.object({
  groupName: z.string(),
  name: z.string(),
  priceDelta: z.number().int(),
});
export type OrderLineOption = z.infer<typeof OrderLineOption>;
