export { SseParser, type SseMessage } from './sse-parser';
export { LiveStream, defaultBackoff, type StreamStatus } from './live-stream';
