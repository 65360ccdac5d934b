// The `text/event-stream` wire format as both apps read it (zod-free: part of
// `@table-order/contracts/sse`, see sse.ts).

/** One dispatched Server-Sent Event. */
export interface SseMessage {
  /** The last event id seen on the stream when this event was dispatched ('' if none). */
  id: string;
  event: string;
  data: string;
}

/**
 * Incremental `text/event-stream` parser (WHATWG rules): feed it decoded chunks, get whole events.
 * `lastEventId` also moves on id-only frames (the server's initial cursor), as in EventSource.
 */
export class SseParser {
  lastEventId = '';
  /** The server's `retry:` hint in ms, if any. */
  retryMs: number | null = null;
  private buffer = '';
  private data: string[] = [];
  private eventType = '';

  constructor(lastEventId = '') {
    this.lastEventId = lastEventId;
  }

  /** Parses a chunk; returns the events it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    let start = 0;
    for (;;) {
      const m = /\r\n|\r|\n/g;
      m.lastIndex = start;
      const found = m.exec(this.buffer);
      if (!found) break;
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (found[0] === '\r' && found.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(start, found.index);
      start = found.index + found[0].length;
      const message = this.line(line);
      if (message) out.push(message);
    }
    this.buffer = this.buffer.slice(start);
    return out;
  }

  private line(line: string): SseMessage | null {
    if (line === '') {
      const message =
        this.data.length > 0
          ? { id: this.lastEventId, event: this.eventType || 'message', data: this.data.join('\n') }
          : null;
      this.data = [];
      this.eventType = '';
      return message;
    }
    if (line.startsWith(':')) return null;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        this.data.push(value);
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) this.retryMs = Number(value);
        break;
      default:
        break;
    }
    return null;
  }
}
