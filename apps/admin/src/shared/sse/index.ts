export { SseParser, type SseMessage } from '@table-order/contracts/sse';
export { LiveStream, defaultBackoff, type StreamStatus } from './live-stream';
