export { eventRecordedAt, payloadJson, listEventsAfter } from './events.repository.js';
export { writeWithEvent, writeWithEvents } from './events.writer.js';
export { eventsRoutes } from './events.routes.js';
export { reachesTable } from './event-scope.js';
