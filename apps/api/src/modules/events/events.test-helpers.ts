// Test-only: a small Server-Sent Events client over fetch (as the apps read streams), for the events suites.

/** One dispatched SSE message; `id` is the stream's last event id at dispatch time. */
export interface SseMessage {
  id: string;
  event: string;
  data: string;
}

export interface SseOpenOptions {
  token?: string;
  lastEventId?: string | number;
  headers?: Record<string, string>;
}

/** An open stream: messages, comments and cursor as an EventSource would see them. */
export class SseClient {
  readonly messages: SseMessage[] = [];
  comments = 0;
  retry: number | undefined;
  /** The id a reconnect would send as Last-Event-ID. */
  lastEventId = '';
  ended = false;
  private consumed = 0;
  private readonly waiters = new Set<() => void>();

  private constructor(
    readonly response: Response,
    private readonly abort: AbortController,
  ) {}

  /** Opens a stream; resolves with the client on 200, or with the non-200 response (body read as JSON). */
  static async open(
    url: string,
    opts: SseOpenOptions = {},
  ): Promise<{ status: number; headers: Headers; client?: SseClient; body?: unknown }> {
    const abort = new AbortController();
    const headers: Record<string, string> = { accept: 'text/event-stream', ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.lastEventId !== undefined) headers['last-event-id'] = String(opts.lastEventId);
    const res = await fetch(url, { headers, signal: abort.signal });
    if (res.status !== 200 || !res.body) {
      const text = await res.text();
      return {
        status: res.status,
        headers: res.headers,
        body: text ? (JSON.parse(text) as unknown) : undefined,
      };
    }
    const client = new SseClient(res, abort);
    void client.pump(res.body);
    return { status: res.status, headers: res.headers, client };
  }

  /** The next message not yet taken by `next`, waiting up to `timeoutMs`. */
  async next(timeoutMs = 3000): Promise<SseMessage> {
    const msg = await this.waitFor(() => this.messages[this.consumed], timeoutMs, 'an event');
    this.consumed++;
    return msg;
  }

  /** Takes messages until one has the given type (skipping others); returns it. */
  async nextOf(event: string, timeoutMs = 3000): Promise<SseMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const msg = await this.next(Math.max(1, deadline - Date.now()));
      if (msg.event === event) return msg;
    }
  }

  /** Messages received and not yet taken. */
  unread(): SseMessage[] {
    return this.messages.slice(this.consumed);
  }

  /** Waits until `probe` returns a value (re-evaluated whenever the stream changes). */
  async waitFor<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = probe();
    if (now !== undefined) return now;
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v !== undefined) {
          cleanup();
          resolve(v);
        } else if (this.ended) {
          cleanup();
          reject(new Error(`stream ended while waiting for ${what}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Resolves when the server ends the stream. */
  async closedByServer(timeoutMs = 3000): Promise<void> {
    if (this.ended) return;
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        if (this.ended) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`stream still open after ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Closes the stream from the client side. */
  close(): void {
    this.abort.abort();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buf = '';
    let event = '';
    let data: string[] = [];
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += value;
        let nl: number;
        while ((nl = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, nl).replace(/\r$/, '');
          buf = buf.slice(nl + 1);
          if (line === '') {
            if (data.length > 0) {
              this.messages.push({ id: this.lastEventId, event: event || 'message', data: data.join('\n') });
            }
            event = '';
            data = [];
            continue;
          }
          if (line.startsWith(':')) {
            this.comments++;
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') this.lastEventId = val;
          else if (field === 'event') event = val;
          else if (field === 'data') data.push(val);
          else if (field === 'retry') this.retry = Number(val);
        }
        this.notify();
      }
    } catch {
      // Aborted by close() or the connection dropped: both end the stream.
    }
    this.ended = true;
    this.notify();
  }
}
