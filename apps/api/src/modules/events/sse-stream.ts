import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { StoreEvent } from '@table-order/contracts';
import { reachesTable } from './event-scope.js';
import { eventFrame } from './sse-frame.js';

const MAX_PENDING_EVENTS = 10_000;

/**
 * One open event stream. Live events are buffered while the replay is written, then delivered in arrival
 * order with the stream's cursor rules: ids the replay (or the connection's start) already covers are
 * dropped; an id newer than the last sent is sent as is; an older id not yet sent (published late by a
 * slower transaction or instance) is still sent, but labelled with the last id sent so the client's
 * Last-Event-ID never moves backwards and a reconnect cannot replay duplicates.
 */
export class SseStream {
  private phase: 'buffering' | 'live' | 'closed' = 'buffering';
  private started = false;
  private pending: StoreEvent[] = [];
  private lastSent = 0;
  private floor = 0;
  private readonly cleanups: (() => void)[] = [];

  constructor(
    private readonly res: ServerResponse,
    readonly storeId: number,
    /** The table a table stream is limited to; null for a whole-store (admin) stream. */
    readonly tableId: number | null,
    private readonly maxPendingBytes: number,
    /** Told of every live event whose frame was written (the delivery-lag figures). */
    private readonly onLiveFrame?: (event: StoreEvent) => void,
  ) {
    res.on('close', () => {
      this.close();
    });
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** Runs `fn` once when the stream ends (at once if it already has). */
  onClose(fn: () => void): void {
    if (this.closed) fn();
    else this.cleanups.push(fn);
  }

  /** Sends the status line and headers; the stream is open from the client's point of view. */
  start(headers: OutgoingHttpHeaders): void {
    if (this.closed) return;
    this.started = true;
    this.res.writeHead(200, headers);
  }

  /** Live event from the hub. */
  push(event: StoreEvent): void {
    if (this.phase === 'closed') return;
    if (this.tableId !== null && !reachesTable(event, this.tableId)) return;
    if (this.phase === 'buffering') {
      this.pending.push(event);
      // A replay that cannot keep up with live traffic: let the client come back and replay again.
      if (this.pending.length > MAX_PENDING_EVENTS) this.close();
      return;
    }
    this.deliver(event);
  }

  /** Writes replayed (or control) frames, the last of which carries `id`. */
  sendFrame(frames: string | Uint8Array, id: number): void {
    this.write(frames);
    this.lastSent = id;
  }

  /** Writes a frame that does not move the client's cursor (retry hint, heartbeat). */
  write(chunk: string | Uint8Array): void {
    if (this.phase === 'closed' || !this.started) return;
    const ok = this.res.write(chunk);
    // A client that stopped reading: drop it rather than buffer without bound; it replays on reconnect.
    if (!ok && this.res.writableLength > this.maxPendingBytes) this.close(true);
  }

  /** Ends buffering: every event up to `coveredThrough` was sent or predates the connection. */
  goLive(coveredThrough: number): void {
    if (this.phase !== 'buffering') return;
    this.phase = 'live';
    this.floor = coveredThrough;
    const pending = this.pending;
    this.pending = [];
    for (const event of pending) this.deliver(event);
  }

  /** Resolves once the socket has taken the queued bytes (or the stream ended). */
  async drained(): Promise<void> {
    if (this.closed || this.res.writableLength <= this.maxPendingBytes / 2) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.res.off('drain', done);
        resolve();
      };
      this.res.on('drain', done);
      this.onClose(done);
    });
  }

  /** Ends the stream (the client reconnects and replays); `abort` drops the connection instead of ending it. */
  close(abort = false): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.pending = [];
    for (const fn of this.cleanups.splice(0)) fn();
    if (!this.started) return;
    if (abort) this.res.destroy();
    else if (!this.res.writableEnded) this.res.end();
  }

  private deliver(event: StoreEvent): void {
    if (event.id <= this.floor) return;
    if (event.id > this.lastSent) {
      this.write(eventFrame(event));
      this.lastSent = event.id;
    } else {
      this.write(eventFrame(event, this.lastSent));
    }
    if (!this.closed) this.onLiveFrame?.(event);
  }
}
