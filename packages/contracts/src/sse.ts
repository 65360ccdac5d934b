// `@table-order/contracts/sse`: the live-stream client both apps run, with its parser and the typed,
// checked event union. No zod here (the apps import this at run time; zod stays out of their bundles).
export { SseParser, type SseMessage } from './sse-parser.js';
export { isEventPayload, readLiveEvent, type EventOf, type LiveEvent } from './live-events.js';
export {
  OFFLINE_AFTER,
  browserConnectivity,
  reconnectDelay,
  retryAfterMs,
  startLiveStream,
  type Connectivity,
  type LiveStream,
  type LiveStreamOptions,
  type LiveStreamStatus,
} from './live-stream.js';
