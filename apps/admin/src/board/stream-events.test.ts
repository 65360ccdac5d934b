import { describe, expect, it } from 'vitest';
import { SseParser } from '../shared/sse';
import { MessageDeduper, readStreamEvent } from './stream-events';

describe('stream messages', () => {
  it('parses frames split across chunks, with the id-only cursor frame and comments', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\nid: 41\n\n: ping\n\nid: 42\nevent: order.upd')).toEqual([]);
    expect(p.lastEventId).toBe('42');
    expect(p.retryMs).toBe(3000);
    const out = p.push('ated\r\ndata: {"orderId":1,"tableId":2,"status":"preparing"}\r\n\r\n');
    expect(out).toEqual([
      { id: '42', event: 'order.updated', data: '{"orderId":1,"tableId":2,"status":"preparing"}' },
    ]);
  });

  it('reads typed events and ignores malformed ones', () => {
    const msg = (event: string, data: string) => ({ id: '1', event, data });
    expect(
      readStreamEvent(msg('order.updated', '{"orderId":1,"tableId":2,"status":"preparing"}')),
    ).toMatchObject({
      kind: 'board',
      event: { type: 'order.updated' },
    });
    expect(readStreamEvent(msg('resync', '{}'))).toEqual({ kind: 'resync' });
    expect(readStreamEvent(msg('menu.changed', '{}'))).toEqual({ kind: 'menu' });
    expect(readStreamEvent(msg('order.deleted', 'not json'))).toEqual({ kind: 'ignore' });
    expect(readStreamEvent(msg('order.created', '{"id":1}'))).toEqual({ kind: 'ignore' });
    expect(readStreamEvent(msg('something.else', '{}'))).toEqual({ kind: 'ignore' });
  });

  it("keeps a status change's table counts when they are well formed, and drops them otherwise", () => {
    const msg = (data: object) => ({ id: '1', event: 'order.updated', data: JSON.stringify(data) });
    const base = { orderId: 1, tableId: 2, status: 'preparing' };
    const counts = { pendingCount: 1, preparingCount: 2, oldestPendingAt: '2025-01-01T09:00:00.000Z' };
    expect(readStreamEvent(msg({ ...base, ...counts }))).toEqual({
      kind: 'board',
      event: { type: 'order.updated', payload: { ...base, ...counts } },
    });
    for (const bad of [
      { pendingCount: -1 },
      { preparingCount: '2' },
      { oldestPendingAt: 5 },
      { pendingCount: undefined },
    ]) {
      expect(readStreamEvent(msg({ ...base, ...counts, ...bad }))).toEqual({
        kind: 'board',
        event: { type: 'order.updated', payload: base },
      });
    }
  });

  it('applies each event once, but tells apart two events that share a relabelled id', () => {
    const d = new MessageDeduper(2);
    const a = { id: '5', event: 'order.updated', data: '{"orderId":1}' };
    const b = { id: '5', event: 'order.created', data: '{"id":9}' };
    expect(d.firstTime(a)).toBe(true);
    expect(d.firstTime(a)).toBe(false);
    expect(d.firstTime(b)).toBe(true);
    expect(d.firstTime({ id: '6', event: 'x', data: '' })).toBe(true);
    // capacity 2: the oldest is forgotten
    expect(d.firstTime(a)).toBe(true);
  });
});
