import type { StoreSettings, StoreSettingsPatch, TableStoreSettings } from '@table-order/contracts';
import type { AppContext } from '../../app-context.js';
import { Errors } from '../../shared/errors.js';
import { canonicalTimeZone } from '../../shared/time.js';
import { writeWithEvent } from '../events/index.js';
import { rebuildStoreSales } from '../reports/index.js';
import { findStoreSettings, updateStoreSettings } from '../stores/index.js';

/** What tablets see of the settings: everything but the store's login identifier. */
function tableView({
  identifier: _identifier,
  kitchenAmberMinutes: _amber,
  kitchenRedMinutes: _red,
  ...settings
}: StoreSettings): TableStoreSettings {
  return settings;
}

const sameSettings = (a: StoreSettings, b: StoreSettings) => JSON.stringify(a) === JSON.stringify(b);

/** The store's own settings (name, time zone, call reasons, request chips, menu languages, idle timeout). */
export class SettingsService {
  constructor(private readonly ctx: AppContext) {}

  async get(storeId: number): Promise<StoreSettings> {
    const settings = await findStoreSettings(this.ctx.db, storeId);
    if (!settings) throw Errors.notFound('Store');
    return settings;
  }

  async forTable(storeId: number): Promise<TableStoreSettings> {
    return tableView(await this.get(storeId));
  }

  /** Replaces the given settings; a change reaches every tablet and dashboard as `store.changed`. */
  async update(storeId: number, patch: StoreSettingsPatch): Promise<StoreSettings> {
    const change = {
      ...patch,
      ...(patch.timeZone === undefined ? {} : { timeZone: canonicalTimeZone(patch.timeZone) }),
    };
    // The menu languages decide what `GET /table/menu?lang=` answers: a change of them is a new menu
    // version (and so new ETags), so no tablet keeps a menu in a language the store stopped offering.
    const languagesGiven = patch.menuLanguages !== undefined;
    const { result } = await writeWithEvent(
      this.ctx,
      storeId,
      async ({ trx }) => {
        const before = await findStoreSettings(trx, storeId);
        if (!before) throw Errors.notFound('Store');
        const after: StoreSettings = { ...before, ...change };
        if (after.kitchenAmberMinutes >= after.kitchenRedMinutes) {
          const field = patch.kitchenAmberMinutes === undefined ? 'kitchenRedMinutes' : 'kitchenAmberMinutes';
          throw Errors.validationFailed('the amber time must be shorter than the red time', [
            {
              field,
              message: `amber (${after.kitchenAmberMinutes}) must be below red (${after.kitchenRedMinutes})`,
            },
          ]);
        }
        if (sameSettings(before, after)) return { result: before };
        await updateStoreSettings(trx, storeId, change);
        // Sales count on local days: a new zone moves orders between days (reports/sales-ledger.ts).
        if (after.timeZone !== before.timeZone) await rebuildStoreSales(trx, storeId, after.timeZone);
        return {
          result: after,
          event: { type: 'store.changed', tableId: null, payload: tableView(after) },
        };
      },
      languagesGiven
        ? {
            menuChanged: true,
            committed: () => {
              this.ctx.caches.menuVersion.invalidate(storeId);
            },
          }
        : {},
    );
    return result;
  }
}
