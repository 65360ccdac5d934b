import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, type EventType } from './constants.js';
import { EventPayloads } from './events.js';
import { isEventPayload, readLiveEvent } from './live-events.js';

const order = {
  id: 7,
  orderNumber: '20250101-0007',
  tableId: 3,
  tableNumber: 3,
  sessionId: 2,
  status: 'pending',
  note: '',
  totalAmount: 9000,
  createdAt: '2025-01-01T03:00:00.000Z',
  updatedAt: '2025-01-01T03:00:00.000Z',
  items: [
    {
      menuItemId: 1,
      name: '김치찌개',
      unitPrice: 9500,
      quantity: 1,
      subtotal: 9500,
      options: [{ groupName: '맵기', name: '아주 매운맛', priceDelta: 500 }],
    },
  ],
  audit: [{ action: 'created', username: null, at: '2025-01-01T03:00:00.000Z' }],
};
const lineOption = order.items[0]?.options?.[0] ?? {};

const counts = { pendingCount: 1, preparingCount: 0, oldestPendingAt: '2025-01-01T03:00:00.000Z' };
const call = {
  id: 4,
  tableId: 3,
  tableNumber: 3,
  reasons: ['물', '앞접시'],
  message: '아이 의자도 부탁해요',
  status: 'open',
  createdAt: '2025-01-01T03:00:00.000Z',
  acknowledgedAt: null,
};

const settings = {
  name: '한식당',
  timeZone: 'Asia/Seoul',
  callReasons: ['물', '물티슈'],
  requestChips: ['덜 맵게'],
  menuLanguages: ['ko', 'en'],
  idleTimeoutSeconds: 120,
};

/** A valid payload of each type. */
const valid: Record<EventType, Record<string, unknown>> = {
  'order.created': order,
  'order.updated': { orderId: 7, tableId: 3, status: 'preparing', ...counts },
  'order.deleted': { orderId: 7, tableId: 3, tableTotal: 0, ...counts, oldestPendingAt: null },
  'table.checked_out': { tableId: 3, sessionId: 2, completedAt: '2025-01-01T05:00:00.000Z' },
  'menu.changed': {},
  'call.created': call,
  'call.acknowledged': { callId: 4, tableId: 3, acknowledgedAt: '2025-01-01T03:01:00.000Z' },
  'store.changed': settings,
  'table.moved': { fromTableId: 3, toTableId: 4, sessionId: 2, fromTableNumber: 3, toTableNumber: 4 },
  'table.merged': { fromTableId: 3, toTableId: 4, sessionId: 5, fromTableNumber: 3, toTableNumber: 4 },
  'order.amended': {
    order: { ...order, amended: true, items: [{ ...order.items[0], id: 11, cancelledQuantity: 1 }] },
    tableTotal: 9500,
  },
  'printer.state': {
    printerId: 2,
    state: { status: 'failing', since: '2025-01-01T03:00:00.000Z', queued: 3, lastError: 'ECONNREFUSED' },
  },
};

/** Each field of `payload` removed, set to a wrong type, to 0, -1, 1.5, null and an unknown status. */
function variants(payload: Record<string, unknown>): unknown[] {
  const out: unknown[] = [null, 'x', 1, [], { ...payload, extra: true }];
  for (const key of Object.keys(payload)) {
    out.push(Object.fromEntries(Object.entries(payload).filter(([k]) => k !== key)));
    for (const bad of ['7', 0, -1, 1.5, null, true, 'served', {}, []]) out.push({ ...payload, [key]: bad });
  }
  return out;
}

describe('live event payload guards', () => {
  it('accept and refuse exactly what the zod schemas accept and refuse', () => {
    const cases: unknown[] = [
      ...variants(order),
      { ...order, completedAt: null },
      { ...order, completedAt: '2025-01-01T05:00:00.000Z' },
      { ...order, items: [] },
      ...variants(order.items[0] ?? {}).map((line) => ({ ...order, items: [line] })),
      { ...call, message: null, reasons: [], status: 'acknowledged', acknowledgedAt: '2025-01-01T03:01:00Z' },
      { ...call, status: 'closed' },
      { ...call, reasons: ['물', 3] },
      { ...settings, callReasons: [], requestChips: [], menuLanguages: [] },
      { ...settings, menuLanguages: ['ko', 'fr'] },
      { ...settings, requestChips: [null] },
      ...variants(lineOption).map((option) => ({
        ...order,
        items: [{ ...order.items[0], options: [option] }],
      })),
      { ...order, items: [{ ...order.items[0], options: [] }] },
      ...variants({ ...order.items[0], id: 11, cancelledQuantity: 1 }).map((line) => ({
        ...order,
        items: [line],
      })),
      { ...order, amended: 'yes' },
      ...variants(valid['order.amended'].order as Record<string, unknown>).map((o) => ({
        order: o,
        tableTotal: 1,
      })),
    ];
    for (const type of EVENT_TYPES) {
      for (const value of [valid[type], ...variants(valid[type]), ...cases]) {
        const schema = EventPayloads[type].safeParse(value).success;
        expect({ type, value, guard: isEventPayload(type, value) }).toEqual({ type, value, guard: schema });
      }
    }
  });

  it('reads a stream message as a typed event; unknown types and malformed data are skipped', () => {
    const msg = (event: string, data: string) => ({ id: '1', event, data });
    // Every event type the API records is read (a type missing here would be dropped by both apps).
    for (const type of EVENT_TYPES)
      expect(readLiveEvent(msg(type, JSON.stringify(valid[type])))).toEqual({ type, payload: valid[type] });
    const updated = { orderId: 1, tableId: 2, status: 'preparing', ...counts };
    expect(readLiveEvent(msg('order.updated', JSON.stringify(updated)))).toEqual({
      type: 'order.updated',
      payload: updated,
    });
    // The table's counts are part of a status change (an event without them is not this API's).
    expect(readLiveEvent(msg('order.updated', '{"orderId":1,"tableId":2,"status":"preparing"}'))).toBeNull();
    expect(readLiveEvent(msg('order.created', JSON.stringify(order)))).toEqual({
      type: 'order.created',
      payload: order,
    });
    expect(readLiveEvent(msg('menu.changed', '{}'))).toEqual({ type: 'menu.changed', payload: {} });
    expect(readLiveEvent(msg('resync', '{}'))).toEqual({ type: 'resync' });
    expect(readLiveEvent(msg('call.created', JSON.stringify(call)))).toEqual({
      type: 'call.created',
      payload: call,
    });
    expect(
      readLiveEvent(
        msg('call.acknowledged', '{"callId":4,"tableId":3,"acknowledgedAt":"2025-01-01T03:01:00Z"}'),
      ),
    ).toEqual({
      type: 'call.acknowledged',
      payload: { callId: 4, tableId: 3, acknowledgedAt: '2025-01-01T03:01:00Z' },
    });
    expect(readLiveEvent(msg('store.changed', JSON.stringify(settings)))).toEqual({
      type: 'store.changed',
      payload: settings,
    });
    expect(readLiveEvent(msg('call.created', JSON.stringify({ ...call, status: 'done' })))).toBeNull();
    expect(readLiveEvent(msg('store.changed', '{"name":"x"}'))).toBeNull();
    expect(readLiveEvent(msg('order.deleted', 'not json'))).toBeNull();
    expect(readLiveEvent(msg('order.created', '{"id":1}'))).toBeNull();
    expect(readLiveEvent(msg('order.updated', '{"orderId":1,"tableId":2,"status":"served"}'))).toBeNull();
    expect(readLiveEvent(msg('something.else', '{}'))).toBeNull();
    expect(readLiveEvent(msg('message', 'x'))).toBeNull();
  });
});
