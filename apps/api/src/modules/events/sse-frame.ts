import type { StoreEvent } from '@table-order/contracts';
import { payloadJson, type EventLogRow } from './events.repository.js';

// Every `text/event-stream` frame the API writes is formatted here (the apps read them with the parser in
// @table-order/contracts/sse).

export interface SseFrameFields {
  /** `retry:`, the reconnect delay suggested to the client. */
  retryMs?: number;
  /** `id:`, the client's cursor (its next Last-Event-ID). */
  id?: number;
  /** `event:`, the event type. */
  event?: string;
  /** `data:`, one line per line of the text (event payloads are one-line JSON). */
  data?: string;
}

/** One frame, fields in wire order, ended by the blank line that dispatches it. */
export function sseFrame(f: SseFrameFields): string {
  let frame = '';
  if (f.retryMs !== undefined) frame += `retry: ${f.retryMs}\n`;
  if (f.id !== undefined) frame += `id: ${f.id}\n`;
  if (f.event !== undefined) frame += `event: ${f.event}\n`;
  if (f.data !== undefined) {
    frame += f.data.includes('\n') || f.data.includes('\r') ? dataLines(f.data) : `data: ${f.data}\n`;
  }
  return `${frame}\n`;
}

function dataLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
}

/** The heartbeat: a comment line, which clients ignore but which keeps proxies and silence timers calm. */
export const HEARTBEAT_FRAME = Buffer.from(': ping\n\n');

/** The frame of a stored event row (replay): its payload column is already the JSON text. */
export function eventRowFrame(row: EventLogRow): string {
  return sseFrame({ id: row.id, event: row.type, data: row.payload });
}

// One frame per event object, shared by every stream that sends it (the hub hands the same object to all
// listeners, so a store's 50 dashboards cost one JSON.stringify and one format).
const frames = new WeakMap<StoreEvent, string>();

/**
 * The frame of a live event, formatted once per event object; with `labelId`, labelled with that id
 * instead of its own (a late event sent after a newer one, see SseStream).
 */
export function eventFrame(event: StoreEvent, labelId?: number): string {
  if (labelId !== undefined) return sseFrame({ id: labelId, event: event.type, data: payloadJson(event) });
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = sseFrame({ id: event.id, event: event.type, data: payloadJson(event) });
    frames.set(event, frame);
  }
  return frame;
}
