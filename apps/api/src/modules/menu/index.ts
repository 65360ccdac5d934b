export { menuRoutes } from './menu.routes.js';
export { findItemsByIds } from './menu.repository.js';
