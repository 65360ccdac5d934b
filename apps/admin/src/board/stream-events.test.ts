import { describe, expect, it } from 'vitest';
import { MessageDeduper } from './stream-events';

describe('stream message deduper', () => {
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
