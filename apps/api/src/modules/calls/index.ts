export { callsRoutes } from './calls.routes.js';
export { closeOpenCalls } from './calls.repository.js';
