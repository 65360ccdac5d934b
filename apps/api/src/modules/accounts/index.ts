export { accountsRoutes } from './accounts.routes.js';
