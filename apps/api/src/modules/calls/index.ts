export { callsRoutes } from './calls.routes.js';
export { closeOpenCalls, moveOpenCalls } from './calls.repository.js';
