import { z } from 'zod';
import {
  CALL_REASON_MAX,
  CALL_REASONS_MAX,
  IDLE_TIMEOUT_MAX,
  IDLE_TIMEOUT_MIN,
  KITCHEN_MINUTES_MAX,
  MENU_LANGUAGES,
  REQUEST_CHIPS_MAX,
  STORE_NAME_MAX,
} from './constants.js';

/** True when the runtime knows `tz` as a time zone (IANA names such as `Asia/Seoul`, or `UTC`). */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const unique = (list: readonly string[]) => new Set(list).size === list.length;
const label = z.string().trim().min(1).max(CALL_REASON_MAX);

const kitchenMinutes = z.number().int().min(1).max(KITCHEN_MINUTES_MAX);

export const MenuLanguage = z.enum(MENU_LANGUAGES);
export type MenuLanguage = z.infer<typeof MenuLanguage>;

/** What tablets read (`GET /table/store`) and `store.changed` carries. */
export const TableStoreSettings = z
  .object({
    name: z.string(),
    timeZone: z.string(),
    callReasons: z.array(z.string()),
    requestChips: z.array(z.string()),
    menuLanguages: z.array(MenuLanguage),
    idleTimeoutSeconds: z.number().int(),
  })
  .meta({ id: 'TableStoreSettings' });
export type TableStoreSettings = z.infer<typeof TableStoreSettings>;

/**
 * The store's settings as its admins see them (`GET, PATCH /admin/store`); the kitchen display's timer
 * thresholds are the dashboard's alone (not in the tablets' view nor in `store.changed`).
 */
export const StoreSettings = TableStoreSettings.extend({
  identifier: z.string(),
  kitchenAmberMinutes: z.number().int(),
  kitchenRedMinutes: z.number().int(),
}).meta({
  id: 'StoreSettings',
});
export type StoreSettings = z.infer<typeof StoreSettings>;

/** `PATCH /admin/store`: any of the settings, each replaced whole (lists included). */
export const StoreSettingsPatch = z
  .object({
    name: z.string().trim().min(1).max(STORE_NAME_MAX),
    timeZone: z.string().max(64).refine(isTimeZone, 'not an IANA time zone (e.g. Asia/Seoul)'),
    callReasons: z.array(label).min(1).max(CALL_REASONS_MAX).refine(unique, 'a call reason appears twice'),
    requestChips: z.array(label).max(REQUEST_CHIPS_MAX).refine(unique, 'a request chip appears twice'),
    menuLanguages: z
      .array(MenuLanguage)
      .min(1)
      .refine((l) => l[0] === 'ko', 'Korean (ko) is always the first language')
      .refine(unique, 'a language appears twice'),
    idleTimeoutSeconds: z
      .number()
      .int()
      .refine(
        (s) => s === 0 || (s >= IDLE_TIMEOUT_MIN && s <= IDLE_TIMEOUT_MAX),
        `0 (off) or ${IDLE_TIMEOUT_MIN}-${IDLE_TIMEOUT_MAX} seconds`,
      ),
    // Kitchen display timers; amber must stay below red (checked against the stored value when only one is given).
    kitchenAmberMinutes: kitchenMinutes,
    kitchenRedMinutes: kitchenMinutes,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'give at least one setting to change');
export type StoreSettingsPatch = z.infer<typeof StoreSettingsPatch>;
