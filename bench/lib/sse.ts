// A lightweight Server-Sent Events client on node:http (one socket per stream, no fetch/streams
// machinery), so one bench process can hold thousands of streams.
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import { nowMs } from './stats.js';

export interface SseFrame {
  /** The stream's last event id after this frame. */
  id: string;
  event: string;
  data: string;
}

export interface SseOptions {
  token: string;
  lastEventId?: string | number;
  /** Called for every frame with data, with the time its chunk arrived (nowMs()). */
  onEvent?: (frame: SseFrame, receivedAt: number) => void;
  /** Source address to connect from (127.0.0.x), to spread sockets over more port ranges. */
  localAddress?: string;
}

/** One open stream. */
export class SseStream {
  status = 0;
  lastEventId = '';
  events = 0;
  comments = 0;
  ended = false;
  /** The body of a non-200 answer. */
  errorBody = '';
  /** Resolves on the first frame (the server's retry/id preamble): the stream is live. */
  readonly ready: Promise<void>;
  private req: ClientRequest | undefined;
  private res: IncomingMessage | undefined;
  private buf = '';
  private readyResolve!: () => void;
  private readyReject!: (err: Error) => void;
  private gotFirst = false;

  constructor(
    readonly url: string,
    private readonly opts: SseOptions,
  ) {
    this.ready = new Promise<void>((res, rej) => {
      this.readyResolve = res;
      this.readyReject = rej;
    });
    // Nobody may await `ready` (fire-and-forget opens); failures are also visible in `status`/`ended`.
    this.ready.catch(() => undefined);
  }

  open(): this {
    const headers: Record<string, string> = {
      accept: 'text/event-stream',
      authorization: `Bearer ${this.opts.token}`,
    };
    if (this.opts.lastEventId !== undefined) headers['last-event-id'] = String(this.opts.lastEventId);
    const req = request(this.url, {
      headers,
      agent: false,
      ...(this.opts.localAddress ? { localAddress: this.opts.localAddress } : {}),
    });
    this.req = req;
    req.on('response', (res) => {
      this.res = res;
      this.status = res.statusCode ?? 0;
      res.setEncoding('utf8');
      if (this.status !== 200) {
        res.on('data', (d: string) => (this.errorBody += d));
        res.on('end', () => {
          this.finish(new Error(`stream answered ${this.status}: ${this.errorBody}`));
        });
        return;
      }
      res.on('data', (chunk: string) => {
        this.onChunk(chunk);
      });
      res.on('end', () => {
        this.finish(new Error('stream ended'));
      });
      res.on('error', () => {
        this.finish(new Error('stream error'));
      });
    });
    req.on('error', (err) => {
      this.finish(err);
    });
    req.end();
    return this;
  }

  /** Closes the stream from the client side. */
  close(): void {
    this.ended = true;
    this.res?.destroy();
    this.req?.destroy();
  }

  private finish(err: Error): void {
    this.ended = true;
    if (!this.gotFirst) this.readyReject(err);
  }

  private onChunk(chunk: string): void {
    const at = nowMs();
    this.buf += chunk;
    let end: number;
    while ((end = this.buf.indexOf('\n\n')) >= 0) {
      const frame = this.buf.slice(0, end);
      this.buf = this.buf.slice(end + 2);
      this.onFrame(frame, at);
    }
    if (!this.gotFirst) {
      this.gotFirst = true;
      this.readyResolve();
    }
  }

  private onFrame(frame: string, at: number): void {
    if (frame.startsWith(':')) {
      this.comments++;
      return;
    }
    let event = 'message';
    let data: string | undefined;
    for (const line of frame.split('\n')) {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
      if (field === 'id') this.lastEventId = value;
      else if (field === 'event') event = value;
      else if (field === 'data') data = data === undefined ? value : `${data}\n${value}`;
    }
    if (data === undefined) return;
    this.events++;
    this.opts.onEvent?.({ id: this.lastEventId, event, data }, at);
  }
}

/** Opens streams in batches of `batch` (waiting for each batch to be live); throws on the first failure. */
export async function openMany(
  specs: { url: string; opts: SseOptions }[],
  batch = 200,
): Promise<SseStream[]> {
  const out: SseStream[] = [];
  for (let i = 0; i < specs.length; i += batch) {
    const group = specs.slice(i, i + batch).map((s) => new SseStream(s.url, s.opts).open());
    await Promise.all(group.map((s) => s.ready));
    out.push(...group);
  }
  return out;
}
