export { tablesRoutes } from './tables.routes.js';
export { findTable } from './tables.repository.js';
