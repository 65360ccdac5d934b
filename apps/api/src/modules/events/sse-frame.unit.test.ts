import type { StoreEvent } from '@table-order/contracts';
import { SseParser } from '@table-order/contracts/sse';
import { describe, expect, it } from 'vitest';
import { HEARTBEAT_FRAME, eventFrame, eventRowFrame, sseFrame } from './sse-frame.js';

describe('SSE frames', () => {
  it('writes the fields in wire order and ends the frame with a blank line', () => {
    expect(sseFrame({ retryMs: 3000, id: 7 })).toBe('retry: 3000\nid: 7\n\n');
    expect(sseFrame({ retryMs: 3000 })).toBe('retry: 3000\n\n');
    expect(sseFrame({ id: 9, event: 'resync', data: '{}' })).toBe('id: 9\nevent: resync\ndata: {}\n\n');
    expect(eventRowFrame({ id: 4, type: 'menu.changed', payload: '{}' })).toBe(
      'id: 4\nevent: menu.changed\ndata: {}\n\n',
    );
  });

  it('splits multi-line data into data lines, so what the apps parse is what was sent', () => {
    const text = 'a\nb\r\nc';
    const parsed = new SseParser().push(sseFrame({ id: 1, event: 'x', data: text }));
    expect(parsed).toEqual([{ id: '1', event: 'x', data: 'a\nb\nc' }]);
  });

  it('formats a live event once, and relabels a late one with the id given', () => {
    const event: StoreEvent = {
      id: 12,
      type: 'order.updated',
      tableId: 3,
      payload: {
        orderId: 5,
        tableId: 3,
        status: 'completed',
        pendingCount: 0,
        preparingCount: 0,
        oldestPendingAt: null,
      },
    };
    const frame = eventFrame(event);
    expect(frame).toBe(
      'id: 12\nevent: order.updated\ndata: {"orderId":5,"tableId":3,"status":"completed","pendingCount":0,"preparingCount":0,"oldestPendingAt":null}\n\n',
    );
    expect(eventFrame(event)).toBe(frame);
    expect(eventFrame(event, 13)).toBe(frame.replace('id: 12', 'id: 13'));
    expect(new SseParser().push(HEARTBEAT_FRAME.toString())).toEqual([]);
  });
});
