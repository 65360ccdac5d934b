import { describe, expect, it } from 'vitest';
import { SseParser } from './sse-parser.js';

// The parser both apps share.
describe('SseParser', () => {
  it('parses frames split across chunks, tracks ids, retry and ignores comments', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\nid: 41\n\n')).toEqual([]);
    expect(p.lastEventId).toBe('41');
    expect(p.retryMs).toBe(3000);
    expect(p.push(': ping\n\nid: 42\nevent: order.upd')).toEqual([]);
    expect(p.push('ated\ndata: {"orderId":1,\ndata: "status":"preparing"}\n\n')).toEqual([
      { id: '42', event: 'order.updated', data: '{"orderId":1,\n"status":"preparing"}' },
    ]);
  });

  it('handles CRLF line endings, including a CR at a chunk boundary', () => {
    const p = new SseParser();
    expect(p.push('id: 7\r\nevent: menu.changed\r\ndata: {}\r')).toEqual([]);
    expect(p.push('\n\r\n')).toEqual([{ id: '7', event: 'menu.changed', data: '{}' }]);
  });

  it('defaults the type to message', () => {
    expect(new SseParser().push('data: x\n\n')).toEqual([{ id: '', event: 'message', data: 'x' }]);
  });
});
