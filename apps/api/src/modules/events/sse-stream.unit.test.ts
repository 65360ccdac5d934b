import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { StoreEvent } from '@table-order/contracts';
import { describe, expect, it } from 'vitest';
import { SseStream } from './sse-stream.js';

describe('stream delivery rules', () => {
  class FakeResponse extends EventEmitter {
    chunks: string[] = [];
    writableLength = 0;
    writableEnded = false;
    destroyed = false;
    accept = true;
    writeHead() {
      return this;
    }
    write(chunk: string) {
      this.chunks.push(chunk);
      if (!this.accept) this.writableLength += chunk.length;
      return this.accept;
    }
    end() {
      this.writableEnded = true;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const ev = (id: number, tableId: number | null = 1): StoreEvent => ({
    id,
    type: 'order.updated',
    tableId,
    payload: {
      orderId: id,
      tableId: tableId ?? 0,
      status: 'preparing',
      pendingCount: 0,
      preparingCount: 1,
      oldestPendingAt: null,
    },
  });

  it('drops what the replay covered, keeps order, and labels a late event with the last id sent', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res as unknown as ServerResponse, 1, null, 1024);
    stream.start({});
    stream.push(ev(9));
    stream.push(ev(11));
    stream.goLive(10);
    stream.push(ev(13));
    stream.push(ev(12)); // committed earlier, published later
    expect(res.chunks.map((c) => /^id: (\d+)/.exec(c)?.[1])).toEqual(['11', '13', '13']);
    expect(res.chunks[2]).toContain('"orderId":12');
  });

  it('keeps table streams to their table and menu changes', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res as unknown as ServerResponse, 1, 7, 1024);
    stream.start({});
    stream.goLive(0);
    stream.push(ev(1, 8));
    stream.push(ev(2, 7));
    stream.push({ id: 3, type: 'menu.changed', tableId: null, payload: {} });
    expect(res.chunks.map((c) => /^id: (\d+)/.exec(c)?.[1])).toEqual(['2', '3']);
  });

  it('drops a client that stopped reading once its queue passes the bound', () => {
    const res = new FakeResponse();
    const stream = new SseStream(res as unknown as ServerResponse, 1, null, 500);
    stream.start({});
    stream.goLive(0);
    res.accept = false;
    for (let i = 1; i <= 3; i++) stream.push(ev(i));
    expect(res.destroyed).toBe(false);
    for (let i = 4; i <= 10; i++) stream.push(ev(i));
    expect(res.destroyed).toBe(true);
    expect(stream.closed).toBe(true);
  });
});
