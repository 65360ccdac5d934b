import type { StoreEvent } from '@table-order/contracts';
import { describe, expect, it } from 'vitest';
import { LocalEventHub } from './event-hub.js';

const ev = (id: number): StoreEvent => ({
  id,
  type: 'order.updated',
  tableId: 1,
  payload: {
    orderId: id,
    tableId: 1,
    status: 'preparing',
    pendingCount: 0,
    preparingCount: 1,
    oldestPendingAt: null,
  },
});

describe('local event hub', () => {
  it('hub delivers each event id once per listener and forgets stores without listeners', () => {
    const hub = new LocalEventHub();
    const got: number[] = [];
    const off = hub.subscribe(1, (e) => got.push(e.id));
    hub.publish(1, [ev(1), ev(2)]);
    hub.publish(1, [ev(2)]);
    hub.publish(2, [ev(3)]);
    expect(got).toEqual([1, 2]);
    off();
    hub.publish(1, [ev(4)]);
    expect(got).toEqual([1, 2]);
    expect(hub.status()).toBe('disabled');
  });
});
