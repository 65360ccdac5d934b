/** One dispatched Server-Sent Event. */
export interface SseMessage {
  type: string;
  data: string;
  /** The stream's last event id after this message (what to send as Last-Event-ID). */
  lastEventId: string;
}

/**
 * Incremental parser for the `text/event-stream` format (WHATWG HTML §9.2.6): feed it decoded chunks as
 * they arrive, get back the complete events. Tracks `id:` (also on frames without data) and `retry:`.
 */
export class SseParser {
  lastEventId = '';
  /** The last `retry:` hint in ms, if any. */
  retryMs: number | undefined;
  private buffer = '';
  private type = '';
  private data: string[] = [];

  feed(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      if (!m) break;
      // A lone \r at the very end may be the first half of \r\n: wait for more.
      if (m[0] === '\r' && m.index === this.buffer.length - 1) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') return this.dispatch();
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'event':
        this.type = value;
        break;
      case 'data':
        this.data.push(value);
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
    return undefined;
  }

  private dispatch(): SseMessage | undefined {
    const type = this.type || 'message';
    const data = this.data;
    this.type = '';
    this.data = [];
    if (data.length === 0) return undefined;
    return { type, data: data.join('\n'), lastEventId: this.lastEventId };
  }
}
