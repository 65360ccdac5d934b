import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser';

describe('SseParser', () => {
  it('parses frames split across chunks, tracks ids, retry and ignores comments', () => {
    const p = new SseParser();
    expect(p.feed('retry: 3000\nid: 41\n\n')).toEqual([]);
    expect(p.lastEventId).toBe('41');
    expect(p.retryMs).toBe(3000);
    expect(p.feed(': ping\n\nid: 42\nevent: order.upd')).toEqual([]);
    expect(p.feed('ated\ndata: {"orderId":1,\ndata: "status":"preparing"}\n\n')).toEqual([
      { type: 'order.updated', data: '{"orderId":1,\n"status":"preparing"}', lastEventId: '42' },
    ]);
  });

  it('handles CRLF line endings, including a CR at a chunk boundary', () => {
    const p = new SseParser();
    expect(p.feed('id: 7\r\nevent: menu.changed\r\ndata: {}\r')).toEqual([]);
    expect(p.feed('\n\r\n')).toEqual([{ type: 'menu.changed', data: '{}', lastEventId: '7' }]);
  });

  it('defaults the type to message', () => {
    expect(new SseParser().feed('data: x\n\n')).toEqual([{ type: 'message', data: 'x', lastEventId: '' }]);
  });
});
