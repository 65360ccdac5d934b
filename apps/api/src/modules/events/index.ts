export {
  reserveEvent,
  reserveEventId,
  appendEvent,
  payloadJson,
  listEventsAfter,
  purgeEventsBefore,
  PURGED_MARKER,
} from './events.repository.js';
export { eventsRoutes } from './events.routes.js';
export { MAX_ADMIN_STREAMS, MAX_TABLE_STREAMS, RETRY_MS } from './stream-manager.js';
