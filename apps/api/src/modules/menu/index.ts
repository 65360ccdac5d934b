export { menuRoutes } from './menu.routes.js';
export { findItemsByIds, insertCategory, insertItem } from './menu.repository.js';
