import { z } from 'zod';
import { Id, Timestamp } from './common.js';
import { CATEGORY_NAME_MAX, DESCRIPTION_MAX, ITEM_NAME_MAX, MENU_LANGUAGES, PRICE_MAX } from './constants.js';
import { OptionGroup, OptionGroupIds } from './options.js';
import { NameTranslations, Translations, translationsOf } from './translations.js';

export const CategoryName = z.string().trim().min(1).max(CATEGORY_NAME_MAX);
export const ItemName = z.string().trim().min(1).max(ITEM_NAME_MAX);
export const Price = z.number().int().min(0).max(PRICE_MAX);
export const Description = z.string().trim().max(DESCRIPTION_MAX);
export const ImageKey = z
  .string()
  .regex(/^[a-f0-9]{16,64}$/, 'not an image key')
  .meta({ description: 'Key returned by POST /api/v1/admin/images' });

export const Category = z
  .object({
    id: Id,
    name: z.string(),
    displayOrder: z.number().int(),
    // Always in answers; optional in the type so older fixtures and clients stay valid.
    translations: NameTranslations.optional(),
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof Category>;

/** A category's names in the store's other menu languages (name only, like the Korean field). */
export const CategoryTranslations = translationsOf(CategoryName);
/** A menu item's name and description in other languages, with the Korean fields' limits. */
export const ItemTranslations = translationsOf(ItemName, Description);

export const CategoryCreateBody = z.object({
  name: CategoryName,
  translations: CategoryTranslations.optional(),
});
export const CategoryUpdateBody = z
  .object({ name: CategoryName, translations: CategoryTranslations })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type CategoryCreateBody = z.infer<typeof CategoryCreateBody>;
export type CategoryUpdateBody = z.infer<typeof CategoryUpdateBody>;

export const ReorderCategoriesBody = z.object({ ids: z.array(Id).min(1).max(500) });
export const ReorderItemsBody = z.object({ categoryId: Id, ids: z.array(Id).min(1).max(1000) });

export const MenuItem = z
  .object({
    id: Id,
    categoryId: Id,
    name: z.string(),
    price: z.number().int(),
    description: z.string(),
    imageKey: z.string().nullable(),
    imageUrl: z.string().nullable(),
    thumbnailUrl: z.string().nullable(),
    soldOut: z.boolean(),
    displayOrder: z.number().int(),
    optionGroupIds: z.array(Id).meta({ description: 'Option groups of the item, in order' }),
    translations: Translations.optional(),
    lastChange: z
      .object({ username: z.string(), at: Timestamp })
      .nullable()
      .optional()
      .meta({ description: 'The account that last created, edited or switched the item, and when' }),
  })
  .meta({ id: 'MenuItem' });
export type MenuItem = z.infer<typeof MenuItem>;

export const MenuItemCreateBody = z.object({
  categoryId: Id,
  name: ItemName,
  price: Price,
  description: Description.optional(),
  imageKey: ImageKey.nullable().optional(),
  soldOut: z.boolean().optional(),
  optionGroupIds: OptionGroupIds.optional(),
  translations: ItemTranslations.optional(),
});
export type MenuItemCreateBody = z.infer<typeof MenuItemCreateBody>;

export const MenuItemUpdateBody = z
  .object({
    categoryId: Id,
    name: ItemName,
    price: Price,
    description: Description,
    imageKey: ImageKey.nullable(),
    soldOut: z.boolean(),
    optionGroupIds: OptionGroupIds,
    translations: ItemTranslations,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one field to change');
export type MenuItemUpdateBody = z.infer<typeof MenuItemUpdateBody>;

export const MenuItemsQuery = z.object({ categoryId: z.coerce.number().int().positive().optional() });

/** `GET /table/menu?lang=`: one of the menu languages (a language the store has not enabled answers Korean). */
export const TableMenuQuery = z.object({
  lang: z
    .enum(MENU_LANGUAGES)
    .optional()
    .meta({ description: 'Menu language; names and descriptions fall back to Korean per field' }),
});

export const TableMenuItem = z.object({
  id: Id,
  name: z.string(),
  price: z.number().int(),
  description: z.string(),
  imageUrl: z.string().nullable(),
  thumbnailUrl: z.string().nullable(),
  soldOut: z.boolean(),
  optionGroups: z.array(OptionGroup).meta({ description: 'In the order the item lists them' }),
});
export type TableMenuItem = z.infer<typeof TableMenuItem>;
export const TableMenu = z
  .object({ categories: z.array(z.object({ id: Id, name: z.string(), items: z.array(TableMenuItem) })) })
  .meta({ id: 'TableMenu' });
export type TableMenu = z.infer<typeof TableMenu>;

/** Answer of POST /api/v1/admin/images: the key to put on a menu item and where the renditions live. */
export const ImageUploadResult = z
  .object({
    imageKey: ImageKey,
    url: z.string().meta({ description: 'Display size, WebP, at most 1024 px on the longest side' }),
    thumbnailUrl: z.string().meta({ description: 'Thumbnail, WebP, at most 320 px on the longest side' }),
  })
  .meta({ id: 'ImageUploadResult' });
export type ImageUploadResult = z.infer<typeof ImageUploadResult>;
