export { reserveEventId, appendEvent, listEventsAfter } from './events.repository.js';
