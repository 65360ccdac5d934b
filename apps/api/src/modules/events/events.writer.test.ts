import type { StoreEvent } from '@table-order/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/harness.js';
import { createStore } from '../stores/index.js';
import { eventLogPosition, listEventRowsAfter } from './events.repository.js';
import { writeWithEvent } from './events.writer.js';

describe('writeWithEvent', () => {
  let t: TestApp;
  let storeId: number;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    ({ storeId } = await createStore(t.runtime.ctx.db, {
      identifier: 'writer',
      name: 'Writer',
      admin: 'owner',
      password: 'owner-pass-1',
    }));
    t.runtime.ctx.hub.subscribe(storeId, (e) => seen.push(`published ${e.id} ${e.type}`));
  });
  afterAll(async () => {
    await t.close();
  });

  const menuVersion = async () =>
    Number(
      (
        await t.runtime.ctx.db
          .selectFrom('stores')
          .select('menu_version')
          .where('id', '=', storeId)
          .executeTakeFirstOrThrow()
      ).menu_version,
    );
  const position = async () => (await eventLogPosition(t.runtime.ctx.db, storeId))?.seq ?? -1;

  it('reserves the id, runs the change, appends its event, and publishes after commit', async () => {
    seen.length = 0;
    const before = await position();
    const versionBefore = await menuVersion();
    const { result, event } = await writeWithEvent(
      t.runtime.ctx,
      storeId,
      async ({ trx, now, timeZone }) => {
        expect(timeZone).toBe('Asia/Seoul');
        expect(now).toBe(t.clock.now());
        await trx.selectFrom('stores').select('id').execute();
        return { result: 'done', event: { type: 'menu.changed', tableId: null, payload: {} } };
      },
      { menuChanged: true, committed: () => seen.push('committed') },
    );
    expect(result).toBe('done');
    expect(event).toEqual<StoreEvent>({ id: before + 1, type: 'menu.changed', tableId: null, payload: {} });
    expect(seen).toEqual(['committed', `published ${before + 1} menu.changed`]);
    expect(await menuVersion()).toBe(versionBefore + 1);
    const page = await listEventRowsAfter(t.runtime.ctx.db, storeId, before, 10);
    expect(page.rows).toEqual([{ id: before + 1, type: 'menu.changed', payload: '{}' }]);
  });

  it('a change without an event uses up its id but records and publishes nothing', async () => {
    seen.length = 0;
    const before = await position();
    const { event } = await writeWithEvent(t.runtime.ctx, storeId, () => Promise.resolve({ result: 1 }));
    expect(event).toBeUndefined();
    expect(await position()).toBe(before + 1);
    expect((await listEventRowsAfter(t.runtime.ctx.db, storeId, before, 10)).rows).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('a change that throws rolls back the id and the change, and publishes nothing', async () => {
    seen.length = 0;
    const before = await position();
    const versionBefore = await menuVersion();
    await expect(
      writeWithEvent(t.runtime.ctx, storeId, () => Promise.reject(new Error('refused')), {
        menuChanged: true,
        committed: () => seen.push('committed'),
      }),
    ).rejects.toThrow('refused');
    expect(await position()).toBe(before);
    expect(await menuVersion()).toBe(versionBefore);
    expect(seen).toEqual([]);
  });
});
